// The proxy's failover moves for the Bars page: per day, from which back end to which and why, counted as the rows are read (pure).
import type { ReportTelemetryRow } from '../ledger/index.js';

/** The moves of one day between two back ends for one reason (the spent bar of the back end left). */
export interface FailoverDay {
  /** The day in the viewer's time zone. */
  day: string;
  /** The back end the chain left and the one that answered, as the proxy named them (`anthropic`, `glm`, `anthropic.CLAUDE_B_TOKEN`). */
  from: string;
  to: string;
  /** `rejected` (that back end refused for its window), `threshold` (a bar reached the set percent), or `unknown`. */
  reason: string;
  /** The bar that was spent; null when the row gave no reason. */
  bar: string | null;
  count: number;
  first_at: string;
  last_at: string;
}

export interface FailoverMoveFold {
  add(row: Pick<ReportTelemetryRow, 'timestamp' | 'backend_provider' | 'failover_from' | 'failover_reason'>): void;
  /** A raced scan is read again: the moves counted so far go. */
  restart(): void;
  /** Newest day first, then the most moves. */
  finish(): FailoverDay[];
}

/** `dayKey` cuts a timestamp into the viewer's days (createDayKeyer); a row it cannot place is not counted. */
export function createFailoverMoveFold(dayKey: (iso: string) => string | null): FailoverMoveFold {
  let days = new Map<string, FailoverDay>();
  return {
    add(row) {
      if (row.failover_from === undefined) return;
      const day = dayKey(row.timestamp);
      if (day === null) return;
      const reason = row.failover_reason?.trigger ?? 'unknown';
      const bar = row.failover_reason?.bar ?? null;
      const key = JSON.stringify([day, row.failover_from, row.backend_provider, reason, bar]);
      const held = days.get(key);
      if (held === undefined) {
        const at = row.timestamp;
        days.set(key, { day, from: row.failover_from, to: row.backend_provider, reason, bar, count: 1, first_at: at, last_at: at });
        return;
      }
      held.count += 1;
      if (row.timestamp < held.first_at) held.first_at = row.timestamp;
      if (row.timestamp > held.last_at) held.last_at = row.timestamp;
    },
    restart() {
      days = new Map();
    },
    finish: () => [...days.values()].sort((a, b) => b.day.localeCompare(a.day) || b.count - a.count || a.from.localeCompare(b.from)),
  };
}
