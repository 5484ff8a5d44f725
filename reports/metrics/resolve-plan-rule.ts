// The decision rule of a plan row: the registered group-sequential one, or for rows recorded before it, the one their settings imply: pure.
import {
  buildSequentialRule,
  LegacySequentialRuleSchema,
  type AnalysisPlanRow,
  type SequentialRuleSettings,
} from '../../ledger/schemas/index.js';

type PlanFields = Pick<AnalysisPlanRow, 'sequential' | 'providers' | 'alpha' | 'min_effect' | 'planned_tasks'> & {
  /** A report's own tail guard (`--tail-guard`), in place of the registered one; absent or null: the plan's. */
  tail_guard?: number | null;
};

/**
 * The registered rule, unless the settings it was built from differ from `plan`'s: a report asked for another alpha,
 * relevant difference, task count or provider list (each printed as a deviation) decides by the rule those give, the
 * registered `none` kept. Rows before work per dollar (ADR 0029) get the rule their settings imply.
 */
export function resolvePlanRule(plan: PlanFields): SequentialRuleSettings {
  const registered = plan.sequential;
  const enabled = registered?.rule !== 'none';
  const legacy = !registered || LegacySequentialRuleSchema.safeParse(registered).success;
  // A group-sequential row keeps its own tail guard (none on rows before it) when a deviation rebuilds its rule; a
  // legacy row was decided with none; data with no plan at all gets the default.
  const own = registered === undefined ? undefined : legacy ? 1 : ((registered as SequentialRuleSettings).tail_guard ?? 1);
  const guard = plan.tail_guard ?? own;
  const kept = guard === undefined ? {} : { tailGuard: guard };
  const implied = buildSequentialRule({
    providers: plan.providers.length,
    alpha: plan.alpha,
    minEffect: plan.min_effect,
    plannedTasks: plan.planned_tasks,
    enabled,
    ...kept,
  });
  if (legacy) return implied;
  const rule = registered as SequentialRuleSettings;
  const same =
    Math.abs(rule.alpha_per_pair - implied.alpha_per_pair) < 1e-12 &&
    rule.pairs === implied.pairs &&
    rule.planned_tasks === implied.planned_tasks &&
    Math.abs(rule.relevant_ratio - implied.relevant_ratio) < 1e-12 &&
    (rule.tail_guard ?? 1) === (implied.tail_guard ?? 1);
  return same ? rule : implied;
}

/** A row registered before work per dollar (the share gap and its betting rule): what the report must say it does instead. */
export function describeLegacyRule(plan: PlanFields & Pick<AnalysisPlanRow, 'statistic'>): string | null {
  const legacy = plan.sequential !== undefined && LegacySequentialRuleSchema.safeParse(plan.sequential).success;
  if (!legacy && plan.statistic !== 'share-gap') return null;
  return 'the plan registered the per-task share gap (who wins the typical task) and its betting stop rule; this version decides every plan on work per dollar (the ratio of sums) with the group-sequential rule its settings imply (docs/decisions/0029-work-per-dollar.md)';
}
