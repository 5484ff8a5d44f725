// The decision rule of a plan row: the registered betting sequence, or for rows recorded before it, the one their settings imply: pure.
import {
  buildSequentialRule,
  LegacySequentialRuleSchema,
  type AnalysisPlanRow,
  type SequentialRuleSettings,
} from '../../ledger/schemas/index.js';

type PlanFields = Pick<AnalysisPlanRow, 'sequential' | 'providers' | 'alpha' | 'min_effect' | 'planned_tasks'>;

/**
 * The registered rule, unless the settings it was built from differ from `plan`'s: a report asked for another alpha,
 * relevant difference, task count or provider list (each printed as a deviation) decides by the rule those give, the
 * registered `none` kept. Rows before the betting sequence (ADR 0041) get the one their settings imply.
 */
export function resolvePlanRule(plan: PlanFields): SequentialRuleSettings {
  const registered = plan.sequential;
  const implied = buildSequentialRule({
    providers: plan.providers.length,
    alpha: plan.alpha,
    minEffect: plan.min_effect,
    plannedTasks: plan.planned_tasks,
    enabled: registered?.rule !== 'none',
  });
  if (!registered || LegacySequentialRuleSchema.safeParse(registered).success) return implied;
  const rule = registered as SequentialRuleSettings;
  const same =
    Math.abs(rule.alpha_per_pair - implied.alpha_per_pair) < 1e-12 &&
    rule.pairs === implied.pairs &&
    rule.planned_tasks === implied.planned_tasks &&
    Math.abs(rule.relevant_ratio - implied.relevant_ratio) < 1e-12;
  return same ? rule : implied;
}

/** A row registered before the betting sequence: what the report must say it does instead. */
export function describeLegacyRule(plan: PlanFields & Pick<AnalysisPlanRow, 'statistic'>): string | null {
  const sequential = plan.sequential;
  const legacy = sequential !== undefined && LegacySequentialRuleSchema.safeParse(sequential).success;
  if (!legacy && plan.statistic !== 'share-gap') return null;
  if (sequential && 'first_look' in sequential)
    return "the plan registered the group-sequential rule on the ratio (O'Brien-Fleming boundaries, ADR 0032); this version decides every plan by the exact betting sequence its settings imply (docs/decisions/0041-task-budgets-and-betting-sequences.md)";
  return 'the plan registered the per-task share gap (who wins the typical task) and its betting stop rule; this version decides every plan on work per dollar (the ratio of sums) with the betting sequence its settings imply (docs/decisions/0029-work-per-dollar.md)';
}
