// Parses a GitHub-style Markdown table into { header, rows, align }.
import { alignmentOf, isDelimiterCell, splitRow } from './cells.js';

export class TableError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.name = 'TableError';
    this.line = line;
  }
}

/**
 * The first line is the header, the second the delimiter row (one dash cell per column), the rest are body rows.
 * Blank lines are ignored; short body rows are padded with empty cells. Line numbers in errors are 1-based.
 */
export function parseTable(text) {
  const lines = text
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '');
  if (lines.length < 2) throw new TableError('a table needs a header and a delimiter row', lines[0]?.number ?? 1);
  const header = splitRow(lines[0].line);
  const delimiter = splitRow(lines[1].line);
  if (!delimiter.every(isDelimiterCell)) throw new TableError('bad delimiter row', lines[1].number);
  if (delimiter.length !== header.length) {
    throw new TableError(`delimiter row has ${delimiter.length} cells, header has ${header.length}`, lines[1].number);
  }
  const rows = lines.slice(2).map(({ line, number }) => {
    const cells = splitRow(line);
    while (cells.length < header.length) cells.push('');
    if (cells.length > header.length) {
      throw new TableError(`row has ${cells.length} cells, header has ${header.length}`, number);
    }
    return cells;
  });
  return { header, rows, align: delimiter.map(alignmentOf) };
}
