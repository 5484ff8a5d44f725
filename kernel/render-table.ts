// Plain-text tables for terminals and reports: each column as wide as its widest cell, cells two spaces apart.

/** How a table is laid out: per-column alignment (left unless said), a prefix for every line, a dashed rule under the first row. */
export interface TableLayout {
  align?: readonly ('left' | 'right')[] | ((column: number) => 'left' | 'right');
  indent?: string;
  ruleUnderHeader?: boolean;
}

/** The rows as lines, without trailing blanks (a missing cell is empty). Pure: the one table renderer of the tool. */
export function renderTable(rows: readonly (readonly string[])[], layout: TableLayout = {}): string[] {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...rows.map((row) => (row[column] ?? '').length)));
  const [first, ...rest] = rows;
  const lines = layout.ruleUnderHeader && first ? [first, widths.map((width) => '-'.repeat(width)), ...rest] : rows;
  const align = layout.align ?? [];
  const formatCell = (cell: string, column: number): string =>
    (typeof align === 'function' ? align(column) : align[column]) === 'right'
      ? cell.padStart(widths[column] ?? 0)
      : cell.padEnd(widths[column] ?? 0);
  return lines.map(
    (row) =>
      `${layout.indent ?? ''}${widths
        .map((_, column) => formatCell(row[column] ?? '', column))
        .join('  ')
        .trimEnd()}`,
  );
}
