// Turns running totals (a stream's message_delta, an agent's session total) into deltas, so nothing is counted twice.
import type { UsageDelta } from './budget-contract.js';
import { maxUsage, subtractUsage, ZERO_USAGE } from './measure-usage.js';

/**
 * Per key (a message id, a session), the highest figure seen for each field. A reading's delta is how far
 * each field rose: 10 then 25 output tokens is 25 in all. A field that goes down is a placeholder or a
 * partial figure, not a new stream: it adds 0 and the higher figure is kept. A new stream takes a new key.
 */
export class CumulativeUsage {
  private readonly seen = new Map<string, UsageDelta>();

  /** A missing field in the reading leaves that field's total as it was. */
  observe(key: string, cumulative: Partial<UsageDelta>): UsageDelta {
    const before = this.seen.get(key) ?? ZERO_USAGE;
    const reading = { ...before, ...pickCounts(cumulative) };
    const after = maxUsage(before, reading);
    this.seen.set(key, after);
    return subtractUsage(after, before);
  }

  /** The running total of a key (zeros when never seen). */
  total(key: string): UsageDelta {
    return { ...(this.seen.get(key) ?? ZERO_USAGE) };
  }

  /** Forgets a finished key, so a long session does not keep every message id. */
  forget(key: string): void {
    this.seen.delete(key);
  }
}

function pickCounts(reading: Partial<UsageDelta>): Partial<UsageDelta> {
  const counts: Partial<UsageDelta> = {};
  for (const field of ['input', 'output', 'cache_read', 'cache_creation'] as const) {
    const value = reading[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) counts[field] = value;
  }
  return counts;
}
