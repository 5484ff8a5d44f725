// The pre-registration flags, the same on `experiment plan` and `experiment run`: what the primary analysis will be.
import type { Command } from 'commander';
import { AppError } from '../kernel/index.js';
import type { AnalysisRequest } from '../runner/index.js';

export interface AnalysisFlags {
  estimand?: string;
  alpha?: string;
  minEffect?: string;
  reference?: string;
  quality?: string;
  taskBudget?: string;
}

export function addAnalysisOptions(command: Command): Command {
  return command
    .option(
      '--estimand <unit>',
      "primary estimand: correct work (summed quality) per dollar of subscription (usd), or per unit of each provider's own bars (bars: not comparable across plans); default usd, and on experiment run bars when a provider has no subscription plan",
    )
    .option('--alpha <alpha>', 'two-sided error rate of the primary analysis and the stop rule', '0.05')
    .option(
      '--min-effect <fraction>',
      "the smallest relevant difference in work per dollar, as a fraction (0.2: one provider does 1.2x the other's)",
      '0.2',
    )
    .option('--reference <id>', 'the provider relative differences are taken against (default: the first provider)')
    .option(
      '--quality <measure>',
      "what an arm's quality is on a task with fail_to_pass tests: resolved (SWE-bench's: 1 when every fail_to_pass and pass_to_pass test passes, else 0) or fail-to-pass-share (the share of fail_to_pass tests that pass)",
      'resolved',
    )
    .option(
      '--task-budget <amount>',
      "what one arm may spend before it is stopped (a failure, charged what it used): list-price dollars ($2 or 2usd) or a share of the provider's 5-hour window (10%), for every provider or per provider (claude=$5,glm=$1). Registered with the plan: the bound that makes the decision exact, and the cap its estimand names. A tighter budget decides sooner; default: each simulated provider's 1.5x its dearest solved arm on the bank, else 10% of the plan's 5-hour window where its readings price it, else $5 (docs/experiments.md#task-budgets)",
    );
}

/** Numbers parsed here; ranges and the reference are checked against the plan by `buildAnalysisSettings`. */
export function readAnalysisRequest(flags: AnalysisFlags): AnalysisRequest {
  return {
    estimand: flags.estimand,
    alpha: parseNumberFlag(flags.alpha, '--alpha'),
    minEffect: parseNumberFlag(flags.minEffect, '--min-effect'),
    reference: flags.reference,
    quality: flags.quality,
  };
}

function parseNumberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  // Number('') is 0 and Number('0x1') is 1: only a plain decimal is accepted.
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value))
    throw new AppError('BAD_USAGE', `${flag} expects a plain decimal number such as 0.05, got ${JSON.stringify(value)}`, { where: flag });
  return Number(value);
}
