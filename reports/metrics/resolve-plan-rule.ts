// The decision rule of a plan row: the registered group-sequential one, or for rows recorded before it, the one their settings imply: pure.
import {
  buildSequentialRule,
  LegacySequentialRuleSchema,
  type AnalysisPlanRow,
  type SequentialRuleSettings,
} from '../../ledger/schemas/index.js';

type PlanFields = Pick<AnalysisPlanRow, 'sequential' | 'providers' | 'alpha' | 'min_effect' | 'planned_tasks'>;

export function resolvePlanRule(plan: PlanFields): SequentialRuleSettings {
  const registered = plan.sequential;
  if (registered && !LegacySequentialRuleSchema.safeParse(registered).success) return registered as SequentialRuleSettings;
  return buildSequentialRule({
    providers: plan.providers.length,
    alpha: plan.alpha,
    minEffect: plan.min_effect,
    plannedTasks: plan.planned_tasks,
    enabled: registered?.rule !== 'none',
  });
}

/** A row registered before issue 42 (the share gap and its betting rule): what the report must say it does instead. */
export function describeLegacyRule(plan: PlanFields & Pick<AnalysisPlanRow, 'statistic'>): string | null {
  const legacy = plan.sequential !== undefined && LegacySequentialRuleSchema.safeParse(plan.sequential).success;
  if (!legacy && plan.statistic !== 'share-gap') return null;
  return 'the plan registered the per-task share gap (who wins the typical task) and its betting stop rule; this version decides every plan on work per dollar (the ratio of sums) with the group-sequential rule its settings imply (docs/decisions/0029-work-per-dollar.md)';
}
