// The stop rules `experiment run` checks after each arm: the plan's ledger part in, the report's own pipeline, a stop or null: pure.
import type { PriceTable } from '../../budget/prices/index.js';
import type { ReportLedger } from '../../ledger/index.js';
import type { AnalysisPlanRow } from '../../ledger/schemas/index.js';
import { analyzeWorkPerDollar } from './analyze-work-per-dollar.js';
import { decidePlanStop, describeCiFinite, type PlanStop } from './decide-plan-stop.js';
import { keepFinishedTasks, measureWindows } from './measure-plan-windows.js';
import { resolveBudgetCaps } from './resolve-budget-caps.js';
import { resolvePlanRule } from './resolve-plan-rule.js';

/**
 * Exactly what the report computes for the same plan (the runner once stopped in bars while the report
 * spoke dollars): the plan's windows priced in its unit, epochs reduced once a task is finished, seed 001's
 * data-quality halt per provider, then the registered betting sequence on every pair's work per dollar.
 * `ledger` must already be scoped to the plan (scopeLedgerToPlan), so other plans never move the decision.
 */
export function checkRunStop(
  ledger: ReportLedger,
  plan: AnalysisPlanRow,
  options: { prices: PriceTable; epochs: number },
): PlanStop & { unit: string } {
  const confidence = 1 - plan.alpha;
  const measured = measureWindows(ledger, plan.estimand, { prices: options.prices, confidence });
  const rule = resolvePlanRule(plan);
  const finished = keepFinishedTasks(measured.runs, options.epochs);
  const primary = analyzeWorkPerDollar(finished, {
    providers: plan.providers,
    unit: measured.priced.unit,
    rule,
    calibrations: measured.priced.calibrations,
    alpha: plan.alpha,
    budgets: resolveBudgetCaps(plan.task_budget, measured.priced.calibrations, measured.priced.unit),
  });
  const decided = decidePlanStop(measured.runs, primary, rule, describeCiFinite(primary));
  return { ...decided, unit: measured.priced.unit };
}
