// Counts for the report's anomaly and budget sections: anomalies by code and provider, budget events by budget: pure.
import type { AnomalyRow, BudgetEventRow } from '../../ledger/index.js';

export interface AnomalySummary {
  total: number;
  by_code: { code: string; count: number }[];
  by_provider: { provider: string; count: number }[];
  /** The latest ones, newest last. */
  recent: { ts: string; code: string; provider: string | null; window_id: string | null; message: string }[];
}

export interface BudgetSummary {
  events: number;
  by_event: { event: string; count: number }[];
  budgets: {
    budget: string;
    metric: string;
    mode: string;
    limit: number;
    max_used: number;
    events: number;
    worst: string;
    last_at: string;
  }[];
}

/** Events ranked from worst to mildest, for a budget's `worst` event. */
const SEVERITY = ['stopped', 'cut', 'refused', 'overshoot', 'exceeded', 'threshold'];

export function summarizeAnomalies(rows: readonly AnomalyRow[], recent = 10): AnomalySummary {
  return {
    total: rows.length,
    by_code: countBy(rows, (row) => row.code).map(([code, count]) => ({ code, count })),
    by_provider: countBy(rows, (row) => row.provider ?? '(none)').map(([provider, count]) => ({ provider, count })),
    recent: rows.slice(-recent).map((row) => ({
      ts: row.ts,
      code: row.code,
      provider: row.provider ?? null,
      window_id: row.window_id ?? null,
      message: row.message,
    })),
  };
}

export function summarizeBudgetEvents(rows: readonly BudgetEventRow[]): BudgetSummary {
  const budgets = new Map<string, BudgetSummary['budgets'][number]>();
  for (const row of rows) {
    const entry = budgets.get(row.budget) ?? {
      budget: row.budget,
      metric: row.metric,
      mode: row.mode,
      limit: row.limit,
      max_used: 0,
      events: 0,
      worst: row.event,
      last_at: row.ts,
    };
    entry.events += 1;
    entry.limit = row.limit;
    entry.mode = row.mode;
    entry.max_used = Math.max(entry.max_used, row.used);
    if (SEVERITY.indexOf(row.event) < SEVERITY.indexOf(entry.worst)) entry.worst = row.event;
    if (row.ts > entry.last_at) entry.last_at = row.ts;
    budgets.set(row.budget, entry);
  }
  return {
    events: rows.length,
    by_event: countBy(rows, (row) => row.event).map(([event, count]) => ({ event, count })),
    budgets: [...budgets.values()].sort((a, b) => a.budget.localeCompare(b.budget)),
  };
}

/** Most frequent first, ties by key. */
function countBy<T>(rows: readonly T[], key: (row: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
