#!/usr/bin/env node
// The scripted agent as a program: `node main.js --config FILE`; stream-json on stdout; exit 0 done, 1 error, 2 bad config.
import { parseArgs } from 'node:util';
import { isAppError } from '../../../kernel/index.js';
import { loadAgentConfig, type AgentConfig } from './agent-config.js';
import { runScriptedAgent } from './run-scripted-agent.js';

const USAGE = 'usage: scripted-agent --config FILE';

function readConfig(): AgentConfig | null {
  try {
    const { values } = parseArgs({ options: { config: { type: 'string' } }, strict: true, allowPositionals: false });
    if (!values.config) {
      process.stderr.write(`scripted-agent: expected --config FILE, got no --config\n${USAGE}\n`);
      return null;
    }
    return loadAgentConfig(values.config);
  } catch (error) {
    const line = isAppError(error) ? error.toLine() : error instanceof Error ? error.message : String(error);
    process.stderr.write(`scripted-agent: ${line}\n${USAGE}\n`);
    return null;
  }
}

async function main(): Promise<number> {
  const config = readConfig();
  if (!config) return 2;
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => stop.abort(new Error(`received ${signal}`));
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.stdout.on('error', () => undefined); // a reader that went away must not crash the run
  const outcome = await runScriptedAgent(config, { writeLine: (line) => process.stdout.write(`${line}\n`), signal: stop.signal });
  if (outcome.exitCode !== 0) process.stderr.write(`scripted-agent: ${outcome.result}\n`);
  return outcome.exitCode;
}

const code = await main().catch((error: unknown) => {
  process.stderr.write(`scripted-agent: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
// Flush stdout, then exit at once (idle keep-alive sockets must not hold the process open).
process.stdout.write('', () => process.exit(code));
