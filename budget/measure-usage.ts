// What a usage delta counts for in each token metric; the cost metric is priced by the tracker.
import type { BudgetMetric, UsageDelta } from './budget-contract.js';

export const ZERO_USAGE: Readonly<UsageDelta> = Object.freeze({ input: 0, output: 0, cache_read: 0, cache_creation: 0 });

/**
 * - `total`: every token (input + output + cache reads + cache writes);
 * - `input`: the whole prompt, cache reads and writes included (what the request sent);
 * - `output`: output tokens (reasoning included, as both APIs count it);
 * - `input+output`: uncached input + output, no cache reads or writes (the "fresh" tokens).
 * `cost` is not a token count: callers price it with computeUsageCost; here it is 0.
 */
export function measureTokens(metric: BudgetMetric, delta: UsageDelta): number {
  switch (metric) {
    case 'total':
      return delta.input + delta.output + delta.cache_read + delta.cache_creation;
    case 'input':
      return delta.input + delta.cache_read + delta.cache_creation;
    case 'output':
      return delta.output;
    case 'input+output':
      return delta.input + delta.output;
    case 'cost':
      return 0;
  }
}

export function isZeroUsage(delta: UsageDelta): boolean {
  return delta.input === 0 && delta.output === 0 && delta.cache_read === 0 && delta.cache_creation === 0;
}

export function addUsage(a: UsageDelta, b: UsageDelta): UsageDelta {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cache_read: a.cache_read + b.cache_read,
    cache_creation: a.cache_creation + b.cache_creation,
  };
}

/** Field by field, the larger figure: running totals only grow. */
export function maxUsage(a: UsageDelta, b: UsageDelta): UsageDelta {
  return {
    input: Math.max(a.input, b.input),
    output: Math.max(a.output, b.output),
    cache_read: Math.max(a.cache_read, b.cache_read),
    cache_creation: Math.max(a.cache_creation, b.cache_creation),
  };
}

/** Field by field, how far `later` is above `earlier` (never below 0). */
export function subtractUsage(later: UsageDelta, earlier: UsageDelta): UsageDelta {
  return {
    input: Math.max(0, later.input - earlier.input),
    output: Math.max(0, later.output - earlier.output),
    cache_read: Math.max(0, later.cache_read - earlier.cache_read),
    cache_creation: Math.max(0, later.cache_creation - earlier.cache_creation),
  };
}
