// Formats bench results: thousands separators, aligned tables and "x of target" verdicts.
export const num = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const mb = (kb: number): number => kb / 1024;

/** Left-aligned columns separated by two spaces, with a header row. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, col) => Math.max(title.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]): string => `  ${cells.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** "MET" or "MISSED", for a value that must be at least (`atLeast`) or below the target. */
export function verdict(value: number, target: number, atLeast: boolean): string {
  return (atLeast ? value >= target : value < target) ? 'MET' : 'MISSED';
}
