#!/usr/bin/env node
// The `experiment` executable: planning, running and reporting controlled comparisons of providers.
import { Command } from 'commander';
import { TOOL_VERSION } from '../ledger/index.js';
import { runCli } from './run-cli.js';

const program = new Command('experiment')
  .description('Run seeded, counter-balanced experiments that compare providers on a bank of coding tasks.')
  .version(TOOL_VERSION)
  .addHelpText('after', '\nNo experiment commands are available in this version yet; plan, run and report arrive with the runner.\nUse `tracker` to capture windows by hand meanwhile.')
  .action(function (this: Command) {
    this.help();
  });

await runCli(program);
