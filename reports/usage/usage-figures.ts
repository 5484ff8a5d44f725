// Figures as the usage tables print them (counts with separators, dollars in cents as ccusage shows them) and their sums.
import type { UsageCounts } from './usage-inputs.js';

/** Cents, as ccusage prints them; a cost under a cent is not shown as $0.00. */
export function formatDollars(usd: number | null): string {
  if (usd === null) return 'n/a';
  return usd > 0 && usd < 0.005 ? '<$0.01' : `$${usd.toFixed(2)}`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

type Counts = Omit<UsageCounts, 'usd_reason'>;

/** The rows' tokens by kind and their known dollars (an unpriced row adds 0: the caller says the total is n/a). */
export function sumCounts(rows: readonly Counts[]): Omit<Counts, 'usd'> & { usd: number } {
  const sum = { input: 0, output: 0, cache_read: 0, cache_creation: 0, total: 0, usd: 0 };
  for (const row of rows) {
    sum.input += row.input;
    sum.output += row.output;
    sum.cache_read += row.cache_read;
    sum.cache_creation += row.cache_creation;
    sum.total += row.total;
    sum.usd += row.usd ?? 0;
  }
  return sum;
}

/** A row's token and dollar cells, in the tables' column order (input, output, cache read, cache create, total, cost). */
export function formatCountCells(row: Counts): string[] {
  return [count(row.input), count(row.output), count(row.cache_read), count(row.cache_creation), count(row.total), formatDollars(row.usd)];
}

/** The total line's token and dollar cells: the cost is n/a when any row's is (a partial sum would read as the whole). */
export function formatTotalCells(rows: readonly Counts[]): string[] {
  const total = sumCounts(rows);
  return [...formatCountCells(total).slice(0, 5), rows.some((row) => row.usd === null) ? 'n/a' : formatDollars(total.usd)];
}

/** The total line's figures, as the viewer's usage tables show them: dollars null when any row's are (as formatTotalCells). */
export function sumUsageTotal(rows: readonly Counts[]): Omit<Counts, 'usd'> & { usd: number | null } {
  const total = sumCounts(rows);
  return { ...total, usd: rows.some((row) => row.usd === null) ? null : total.usd };
}
