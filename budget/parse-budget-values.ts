// Reads the values budget flags and files carry: amounts, metrics, modes and warning fractions.
import { AppError } from '../kernel/index.js';
import { BUDGET_METRICS, BUDGET_MODES, type BudgetMetric, type BudgetMode } from './budget-contract.js';
import { tidyWarnAt } from './budget-policy.js';

/** What an amount must be, as error messages say it. */
export function describeAmount(metric: BudgetMetric): string {
  return metric === 'cost' ? 'a positive amount in USD' : 'a positive number of tokens';
}

/**
 * A limit from text: tokens are whole numbers (`_` may group digits: 100_000), USD may have decimals.
 * Returns the number, or what was wrong with it (`a whole number of tokens`, or describeAmount).
 */
export function readAmountText(text: string, metric: BudgetMetric): number | { expected: string } {
  const plain = text.trim().replaceAll('_', '');
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(plain) || Number(plain) <= 0) return { expected: describeAmount(metric) };
  return checkAmount(Number(plain), metric);
}

/** The same rule for a number (from a JSON file). */
export function checkAmount(value: number, metric: BudgetMetric): number | { expected: string } {
  if (!Number.isFinite(value) || value <= 0) return { expected: describeAmount(metric) };
  if (metric !== 'cost' && !Number.isInteger(value)) return { expected: 'a whole number of tokens' };
  return value;
}

export function parseBudgetMetric(value: string, where: string): BudgetMetric {
  const metric = value.trim().toLowerCase();
  if ((BUDGET_METRICS as readonly string[]).includes(metric)) return metric as BudgetMetric;
  throw new AppError('BAD_USAGE', `expected one of ${BUDGET_METRICS.join(', ')}, got ${JSON.stringify(value)}`, { where });
}

export function parseBudgetMode(value: string, where: string): BudgetMode {
  const mode = value.trim().toLowerCase();
  if ((BUDGET_MODES as readonly string[]).includes(mode)) return mode as BudgetMode;
  throw new AppError('BAD_USAGE', `expected ${BUDGET_MODES.join(' or ')}, got ${JSON.stringify(value)}`, { where });
}

/** `0.5,0.8` (or `50%,80%`); `none` or an empty value turns warnings off. */
export function parseWarnAt(value: string, where: string): number[] {
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'none') return [];
  const fractions = text.split(',').map((part) => readFraction(part.trim()));
  if (fractions.some((fraction) => fraction === null)) {
    throw new AppError(
      'BAD_USAGE',
      `expected fractions above 0 and below 1 separated by commas (e.g. 0.5,0.8), got ${JSON.stringify(value)}`,
      { where },
    );
  }
  return tidyWarnAt(fractions as number[]);
}

function readFraction(part: string): number | null {
  const percent = part.endsWith('%');
  const digits = percent ? part.slice(0, -1) : part;
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(digits)) return null;
  const fraction = Number(digits) / (percent ? 100 : 1);
  return fraction > 0 && fraction < 1 ? fraction : null;
}
