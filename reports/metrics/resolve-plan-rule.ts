// The sequential rule of a plan row: the registered one, or for rows recorded before it existed, the default it implies: pure.
import { buildSequentialRule, type AnalysisPlanRow, type SequentialRuleSettings } from '../../ledger/schemas/index.js';

export function resolvePlanRule(
  plan: Pick<AnalysisPlanRow, 'sequential' | 'providers' | 'alpha' | 'min_effect' | 'planned_tasks'>,
): SequentialRuleSettings {
  return (
    plan.sequential ??
    buildSequentialRule({
      providers: plan.providers.length,
      alpha: plan.alpha,
      minEffect: plan.min_effect,
      plannedTasks: plan.planned_tasks,
      enabled: true,
    })
  );
}
