// Pretty-prints a parsed table: every column padded to its widest cell, on the side its alignment asks for.
import { joinRow, widthOf } from './cells.js';
import { parseTable } from './parse-table.js';

/** The width of each column: its widest cell, at least 3 (a delimiter needs three dashes). */
export function columnWidths(table) {
  return table.header.map((cell, i) => Math.max(3, widthOf(cell), ...table.rows.map((row) => widthOf(row[i]))));
}

function pad(cell, width, align) {
  const space = width - widthOf(cell);
  if (align === 'right') return ' '.repeat(space) + cell;
  if (align === 'center') {
    const before = Math.floor(space / 2);
    return ' '.repeat(before) + cell + ' '.repeat(space - before);
  }
  return cell + ' '.repeat(space);
}

function delimiterCell(width, align) {
  if (align === 'left') return `:${'-'.repeat(width - 1)}`;
  if (align === 'right') return `${'-'.repeat(width - 1)}:`;
  if (align === 'center') return `:${'-'.repeat(width - 2)}:`;
  return '-'.repeat(width);
}

/** The table as aligned Markdown lines joined with "\n". */
export function formatTable(table) {
  const widths = columnWidths(table);
  const align = table.align ?? widths.map(() => null);
  const lines = [joinRow(table.header.map((cell, i) => pad(cell, widths[i], align[i])))];
  lines.push(joinRow(widths.map((w, i) => delimiterCell(w, align[i]))));
  for (const row of table.rows) lines.push(joinRow(row.map((cell, i) => pad(cell, widths[i], align[i]))));
  return lines.join('\n');
}

/** Parses and re-prints Markdown table text. */
export function reformat(text) {
  return formatTable(parseTable(text));
}
