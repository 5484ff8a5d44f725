// `tracker plans`: which plans to hold, each portfolio replayed against your recorded use: dollars, limit hits, hours waited.
import { Command } from 'commander';
import { addEverydayOptions } from '../everyday-options.js';
import type { PlansFlags } from './run-plans.js';

export function createPlansCommand(): Command {
  const command = new Command('plans').description(
    'each portfolio of plans (those you hold, their other tiers, one more seat of a provider your experiment measured) replayed against your recorded use: dollars a month, the 5-hour, weekly and daily windows that would have hit a limit, the hours waited, the tokens and correct work served; the cheapest that would have served it without a hit, and the headroom as tasks (docs/plans.md)',
  );
  return (
    addEverydayOptions(command)
      .option('--weeks <n>', 'the history: this many weeks up to --until (default 4; --since wins)', '4')
      .option(
        '--backtest',
        "size the plan held on weeks 1..k and predict week k+1's limit hits and tokens, for each k, against what the ledger saw",
      )
      .option(
        '--all-portfolios',
        'list every portfolio, not only the few worth reading first (the plans held, those the answers name, and those no other of their kind beats on dollars, hits and hours at once); --json lists every one',
      )
      // The work loads on use (run-plans.ts): `tracker plans --help` loads the options alone.
      .action(async function (this: Command, flags: PlansFlags) {
        (await import('./run-plans.js')).runPlans(this, flags);
      })
  );
}
