// Reads a table of records from CSV (header row) or a JSON array of objects, keeping each record's line for messages.
import { parse } from 'csv-parse/sync';
import { quoteForMessage } from './clean-screen-text.js';
import { locateJsonError } from './locate-json-error.js';

/** Why input was refused: 1-based line, the column (by name, or `column N` for a syntax error), and what was wrong. */
export interface RecordIssue {
  line?: number;
  column?: string;
  message: string;
}

/** One record: the raw value of each wanted column (a CSV cell is a string, a JSON value keeps its type). */
export interface TableRecord<C extends string> {
  line: number;
  values: Record<C, unknown>;
}

export type RecordTable<C extends string> =
  | { ok: true; format: 'csv' | 'json'; records: TableRecord<C>[] }
  | { ok: false; issue: RecordIssue };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The records of a JSON array of objects when the text starts with `[` or `{`, else of CSV whose header row names
 * (at least) `columns`, in any case and order; other columns are ignored. `rowWord` names a row in messages
 * (e.g. "one row per subject").
 */
export function readRecordTable<C extends string>(text: string, columns: readonly C[], rowWord: string): RecordTable<C> {
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') || body.trimStart().startsWith('{') ? readJson(body, columns) : readCsv(body, columns, rowWord);
}

/** The one line a user sees, e.g. `crossover.csv line 4: sequence: expected AB or BA, got "AC"`. */
export function formatRecordIssue(issue: RecordIssue, source: string): string {
  const where = issue.line === undefined ? source : `${source} line ${issue.line}`;
  return `${where}: ${issue.column === undefined ? '' : `${issue.column}: `}${issue.message}`;
}

/** A refusal at a line and column (either may be unknown). */
export function refuseRecord(line: number | undefined, column: string | undefined, message: string): { ok: false; issue: RecordIssue } {
  return { ok: false, issue: { ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }), message } };
}

/** A cell as a number: a JSON number, or CSV text in decimal or exponent form; undefined otherwise (or when not finite). */
export function readFiniteNumber(raw: unknown, format: 'csv' | 'json'): number | undefined {
  let value: number | undefined;
  if (format === 'json') value = typeof raw === 'number' ? raw : undefined;
  else if (typeof raw === 'string' && NUMBER.test(raw)) value = Number(raw);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A cell as a non-empty label (a finite JSON number becomes its decimal text); undefined when empty or not text. */
export function readLabel(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

function readCsv<C extends string>(text: string, columns: readonly C[], rowWord: string): RecordTable<C> {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as unknown as typeof rows;
  } catch (error) {
    const { lines, message = 'unreadable' } = error as { lines?: number; message?: string };
    const counts = /expect (\d+), got (\d+)/.exec(message);
    const reason = counts
      ? `this row has ${counts[2]} fields, the header has ${counts[1]}`
      : `not valid CSV: ${message.replace(/ (at|on) line \d+\.?$/, '')}`;
    return refuseRecord(lines, undefined, reason);
  }
  const [header, ...records] = rows;
  if (!header) return refuseRecord(undefined, undefined, `no data: expected a header row ${columns.join(',')} and ${rowWord}`);
  const names = header.record.map((name) => name.toLowerCase());
  for (const column of columns) {
    if (!names.includes(column))
      return refuseRecord(
        header.info.lines,
        undefined,
        `the header has no ${column} column (expected ${columns.join(',')}, got ${quoteForMessage(header.record.join(','), 60)})`,
      );
    if (names.indexOf(column) !== names.lastIndexOf(column))
      return refuseRecord(header.info.lines, column, 'the header names this column twice');
  }
  return {
    ok: true,
    format: 'csv',
    records: records.map(({ record, info }) => ({
      line: info.lines,
      values: Object.fromEntries(columns.map((column) => [column, record[names.indexOf(column)] as unknown])) as Record<C, unknown>,
    })),
  };
}

function readJson<C extends string>(text: string, columns: readonly C[]): RecordTable<C> {
  const syntax = locateJsonError(text);
  if (syntax) return refuseRecord(syntax.line, `column ${syntax.column}`, `not valid JSON: ${syntax.message}`);
  const value = JSON.parse(text) as unknown;
  const shape = `{${columns.map((c) => JSON.stringify(c)).join(', ')}}`;
  if (!Array.isArray(value)) return refuseRecord(1, undefined, `expected a JSON array of ${shape} objects`);
  const starts = locateArrayElements(text);
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
  const records: TableRecord<C>[] = [];
  for (const [index, item] of value.entries()) {
    const line = lineOf(starts[index]);
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return refuseRecord(line, undefined, `record ${index + 1}: expected an object with ${columns.join(', ')}`);
    const values = item as Record<string, unknown>;
    records.push({ line, values: Object.fromEntries(columns.map((column) => [column, values[column]])) as Record<C, unknown> });
  }
  return { ok: true, format: 'json', records };
}

/** Offsets where each element of the top-level JSON array starts (the text is known to be valid JSON). */
function locateArrayElements(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(ch) && ch !== ']') {
      starts.push(i);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth -= 1;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return starts;
}
