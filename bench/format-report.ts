// Formats bench results: thousands separators, aligned tables and "x of target" verdicts.
import { renderTable } from '../kernel/index.js';

export const num = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const mb = (kb: number): number => kb / 1024;

/** Left-aligned columns separated by two spaces, with a header row. */
export function table(header: string[], rows: string[][]): string {
  return renderTable([header, ...rows], { indent: '  ', ruleUnderHeader: true }).join('\n');
}

/** "MET" or "MISSED", for a value that must be at least (`atLeast`) or below the target. */
export function verdict(value: number, target: number, atLeast: boolean): string {
  return (atLeast ? value >= target : value < target) ? 'MET' : 'MISSED';
}
