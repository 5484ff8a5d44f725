// `tracker plans`' work, loaded when the command runs: `tracker plans --help` needs only its options (plans.ts), not the
// reports, the ledger reader and the provider catalog this imports.
import type { Command } from 'commander';
import { backtestPlans, renderBacktest, renderPlans } from '../../reports/plans/index.js';
import { readLoginNames } from '../read-login-names.js';
import type { EverydayFlags } from '../everyday-options.js';
import { resolveContext } from '../global-options.js';
import { writeHeadroomBases } from '../headroom-basis-file.js';
import { printResult } from '../print-output.js';
import { readPlansAdvice, readPlansInputs, refuseNoUse } from '../read-plans-advice.js';

export type PlansFlags = EverydayFlags & { weeks: string; backtest?: boolean; allPortfolios?: boolean };

/** Runs `tracker plans` with its parsed flags. */
export function runPlans(command: Command, flags: PlansFlags): void {
  const ctx = resolveContext(command);
  const inputs = readPlansInputs(ctx.dataDir, flags, Date.now());
  if (flags.backtest) {
    printResult(ctx.json, backtestPlans(inputs.ledger, inputs.options), renderBacktest);
    return;
  }
  const { report, bases } = readPlansAdvice(ctx.dataDir, flags, inputs);
  if (report.accounts.length === 0) throw refuseNoUse(ctx.dataDir, report.arms_left_out);
  // Kept for `tracker statusline`, which reckons the headroom on its own bars without the ledger.
  writeHeadroomBases(ctx.dataDir, ctx.agentId, bases);
  // Each login's e-mail beside its account, read now from its config dir (never kept): the text only.
  const names = ctx.json ? undefined : readLoginNames(ctx.dataDir);
  printResult(ctx.json, report, (shown) => renderPlans(shown, { all: flags.allPortfolios === true, names }));
}
