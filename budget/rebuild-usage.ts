// Budgets survive a restart: usage replayed from proxy telemetry rows, and events already recorded marked as fired.
import type { BudgetEventRow } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';
import type { BudgetTracker, RestoredBudget } from './budget-tracker.js';
import { readTelemetryContext, readTelemetryUsage, type TelemetryUsageFields } from './read-telemetry-usage.js';

export interface RebuildOptions {
  /** Only rows at or after this instant count (the start of the budget period); all rows when absent. */
  since?: Date | string;
}

export interface RebuildSummary {
  /** Telemetry rows replayed (each row id once). */
  requests: number;
  /** Budget event rows that matched a budget of the policy. */
  events: number;
}

type TelemetryRowLike = TelemetryUsageFields & { id: string; timestamp: string };
type BudgetEventRowLike = Pick<BudgetEventRow, 'event' | 'budget' | 'metric' | 'limit' | 'threshold' | 'ts'>;

/**
 * Replays the usage of telemetry rows into the tracker (silently), then marks the thresholds and overruns
 * that budget_events rows recorded as already fired. An event counts only for a budget with the same id,
 * metric and limit: after the limit changes, crossing the new one is recorded again. A crossing the rows
 * show but no event recorded (the proxy died first) is recorded by the next charge.
 */
export function rebuildUsage(
  tracker: BudgetTracker,
  telemetryRows: Iterable<TelemetryRowLike>,
  budgetEventRows: Iterable<BudgetEventRowLike>,
  options: RebuildOptions = {},
): RebuildSummary {
  const since = options.since === undefined ? null : new Date(options.since).getTime();
  if (since !== null && Number.isNaN(since))
    throw new AppError('BAD_USAGE', `expected an ISO-8601 time to rebuild budgets from, got ${JSON.stringify(String(options.since))}`, {
      where: 'rebuildUsage',
    });
  const isRecent = (at: string) => since === null || Date.parse(at) >= since;
  const seen = new Set<string>();
  for (const row of telemetryRows) {
    if (seen.has(row.id) || !isRecent(row.timestamp)) continue;
    seen.add(row.id);
    tracker.replay(readTelemetryContext(row), readTelemetryUsage(row));
  }
  const restored = new Map<string, RestoredBudget & { thresholds: number[] }>();
  let events = 0;
  for (const row of budgetEventRows) {
    if (!isRecent(row.ts)) continue;
    const limit = tracker.limits.find(
      (candidate) => candidate.id === row.budget && candidate.metric === row.metric && candidate.limit === row.limit,
    );
    if (!limit || (row.event !== 'threshold' && row.event !== 'exceeded')) continue;
    const entry = restored.get(limit.id) ?? { budget: limit.id, thresholds: [], exceeded: false };
    if (row.event === 'exceeded') entry.exceeded = true;
    else if (row.threshold !== undefined) entry.thresholds.push(row.threshold);
    restored.set(limit.id, entry);
    events += 1;
  }
  tracker.restore([...restored.values()]);
  return { requests: seen.size, events };
}
