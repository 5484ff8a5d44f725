// A budget policy: the limits in force and the prices the cost metric uses; ids and keys of limits.
import type { BudgetLimit, BudgetMetric, BudgetMode, BudgetScope } from './budget-contract.js';
import { normalizeCommand } from './normalize-command.js';
import type { PriceTable } from './prices/price-table.js';

export interface BudgetPolicy {
  limits: BudgetLimit[];
  prices: PriceTable;
  /** What the policy was read from, in order: `flags`, the --budget-config file, the --prices file. */
  sources: string[];
  /** Whose arm a window is (an experiment's), for templates of one provider; absent: none such. */
  windowProvider?: (window: string) => string | null;
}

export const DEFAULT_METRIC: BudgetMetric = 'total';
export const DEFAULT_MODE: BudgetMode = 'warn';
export const DEFAULT_WARN_AT: readonly number[] = [0.8];

/** `overall`, or `scope:key` (`command:/test`, `agent:sub1`). */
export function buildBudgetId(scope: BudgetScope, key: string | null): string {
  return scope === 'overall' || key === null ? 'overall' : `${scope}:${key}`;
}

/**
 * The key a limit (and a charge) of a scope is matched on: commands by their base command, everything
 * else as written (trimmed, one word). Null when nothing usable is left.
 */
export function normalizeBudgetKey(scope: BudgetScope, raw: string | null | undefined): string | null {
  if (scope === 'overall') return null;
  if (scope === 'command') return normalizeCommand(raw);
  const key = typeof raw === 'string' ? raw.trim() : '';
  return key === '' || /\s/.test(key) ? null : key;
}

/** The fractions sorted and without repeats. */
export function tidyWarnAt(fractions: readonly number[]): number[] {
  return [...new Set(fractions)].sort((a, b) => a - b);
}

export function isTokenMetric(metric: BudgetMetric): boolean {
  return metric !== 'cost';
}
