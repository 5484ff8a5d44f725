// Reads a plan's part of the ledger for the stop rules `experiment run` checks after each arm, and records a stop.
import {
  appendRows,
  ANALYSIS_DEFAULTS,
  buildSequentialRule,
  LEDGER_FILES,
  readReportLedger,
  RunStopRowSchema,
  stampRow,
  type AnalysisPlanRow,
  type StampContext,
} from '../ledger/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { checkRunStop as checkPlan, describeDecision, scopeLedgerToPlan } from '../reports/index.js';

export interface RunStopPlan {
  plan_id: string;
  providers: string[];
  taskIds: string[];
  epochs?: number;
  /** Arms in the plan, to say how many were never started. */
  arms: number;
}

/**
 * The reason to stop launching arms, or null. The rules are the report's own, on the same priced windows
 * (reports/metrics/check-run-stop.ts): seed 001's data-quality halt, then the plan's registered betting
 * rule on every pair's work per dollar (docs/decisions/0029-work-per-dollar.md). A stop is recorded once as a
 * `run-stop` row, so the report states what the runner did instead of recomputing it.
 */
export function checkRunStop(dataDir: string, plan: RunStopPlan, stamp: StampContext, catalog: ProviderCatalog): string | null {
  const ledger = scopeLedgerToPlan(readReportLedger(dataDir, { providers: plan.providers, captureTimes: false }), plan.plan_id);
  const registered = ledger.analysisPlans.at(-1) ?? describeUnregistered(plan);
  const decided = checkPlan(ledger, registered, { prices: createPriceTable(catalog), epochs: plan.epochs ?? 1 });
  if (decided.stop === null) return null;
  const reason = decided.stop.reason;
  if (ledger.runStops.at(-1)?.reason !== reason) {
    const done = new Set(ledger.windows.map((window) => window.window_id)).size;
    const row = stampRow({ ...stamp, source: 'runner' }, 'run-stop', {
      plan_id: plan.plan_id,
      rule: decided.stop.rule,
      reason,
      provider: decided.stop.provider,
      pairs: decided.pairs.map((pair) => ({
        a: pair.a,
        b: pair.b,
        decision: RECORDED_DECISIONS[pair.outcome],
        low: finiteOrNull(pair.last?.low ?? null),
        high: finiteOrNull(pair.last?.high ?? null),
        tasks: pair.tasks,
        ratio: finiteOrNull(pair.ratio),
        decided_at: pair.decided_at,
      })),
      scale: 'ratio',
      arms_done: done,
      arms_not_started: Math.max(0, plan.arms - done),
      unit: decided.unit,
    });
    appendRows(dataDir, LEDGER_FILES.assignments, [RunStopRowSchema.parse(row)], { ...stamp, source: 'runner' });
  }
  const settled = decided.pairs.map((pair) => `${pair.a} vs ${pair.b}: ${describeDecision(pair)}`);
  return decided.stop.rule === 'sequential' ? `betting rule (${settled.join('; ')})` : reason;
}

/** A pair's outcome as the run-stop row records it (the row's enum predates the words of work per dollar). */
const RECORDED_DECISIONS = {
  'a-ahead': 'superiority-A',
  'b-ahead': 'superiority-B',
  'within-margin': 'futility',
  open: 'continue',
  'n/a': 'continue',
} as const;

/** JSON has no infinity: an unbounded end of a ratio's interval is recorded as null. */
function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** A plan recorded before analyses were registered: the defaults it would have registered. */
function describeUnregistered(plan: RunStopPlan): AnalysisPlanRow {
  const alpha = ANALYSIS_DEFAULTS.alpha;
  return {
    id: 'unregistered',
    kind: 'analysis-plan',
    ts: new Date(0).toISOString(),
    schema_version: 1,
    tool_version: 'unregistered',
    source: 'runner',
    agent_id: 'main',
    plan_id: plan.plan_id,
    providers: plan.providers,
    estimand: ANALYSIS_DEFAULTS.estimand,
    method: ANALYSIS_DEFAULTS.method,
    alpha,
    min_effect: ANALYSIS_DEFAULTS.min_effect,
    planned_tasks: Math.max(1, plan.taskIds.length),
    reference: null,
    statistic: 'ratio-of-sums',
    sequential: buildSequentialRule({
      providers: plan.providers.length,
      alpha,
      minEffect: ANALYSIS_DEFAULTS.min_effect,
      plannedTasks: plan.taskIds.length,
      enabled: true,
    }),
  };
}
