// Each provider's registered task budget in the unit its windows are priced in, for the sequence's bound (pure).
import type { TaskBudget } from '../../ledger/schemas/index.js';
import type { ProviderCalibration } from './calibrate-provider.js';

/**
 * A task budget is registered in list-price dollars, what the proxy counts and stops an arm at. In dollars of
 * subscription an arm costs its list dollars times its plan's calibrated price, so its bound is the budget times that
 * price (an arm's list dollars over its budget are the same in either unit: the price cancels). In % of a bar the
 * bound is the budget times the bar's calibrated % per list dollar. A provider whose price is not known yet has no
 * bound here (its pairs are n/a or bounded by their dearest arm, said so); null when the plan registered no budget.
 */
export function resolveBudgetCaps(
  budget: TaskBudget | undefined,
  calibrations: readonly ProviderCalibration[],
  unit: 'usd' | 'bars',
): Map<string, number> | null {
  if (!budget) return null;
  const caps = new Map<string, number>();
  for (const [provider, limit] of Object.entries(budget.limits)) {
    const calibration = calibrations.find((c) => c.provider === provider);
    const rate = unit === 'usd' ? calibration?.usd_per_list_usd?.estimate : calibration?.five_hour?.pct_per_unit;
    if (rate !== undefined && rate > 0) caps.set(provider, limit * rate);
  }
  return caps;
}
