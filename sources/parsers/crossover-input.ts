// Reads AB/BA crossover data from CSV or JSON (subject,sequence,y1,y2), naming the line and column of any fault.
import { parse } from 'csv-parse/sync';
import { quoteForMessage } from './clean-screen-text.js';
import { locateJsonError } from './locate-json-error.js';

/** One subject: its sequence (`AB`: A in period 1) and its outcomes in period 1 and 2; `line` is where it was read. */
export interface CrossoverRecord {
  subject: string;
  sequence: 'AB' | 'BA';
  y1: number;
  y2: number;
  line: number;
}

/** What was read, and whether it was CSV or JSON. */
export interface CrossoverInput {
  format: 'csv' | 'json';
  subjects: CrossoverRecord[];
}

/** Why input was refused: 1-based line, the column (by name, or `column N` for a syntax error), and what was wrong. */
export interface CrossoverInputIssue {
  line?: number;
  column?: string;
  message: string;
}

export type CrossoverInputResult = { ok: true; value: CrossoverInput } | { ok: false; issue: CrossoverInputIssue };

/** The columns every row needs; others are ignored. */
export const CROSSOVER_COLUMNS = ['subject', 'sequence', 'y1', 'y2'] as const;
type Column = (typeof CROSSOVER_COLUMNS)[number];

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses crossover data: a JSON array of `{subject, sequence, y1, y2}` objects when the text starts with `[`,
 * else CSV with a header row naming (at least) those columns. `sequence` is AB or BA (any case); y1 and y2
 * are finite numbers, or exactly 0 or 1 with `binary` (pass/fail). Subjects must be distinct.
 */
export function parseCrossoverInput(text: string, options: { binary?: boolean } = {}): CrossoverInputResult {
  const body = text.replace(/^\uFEFF/, '');
  return body.trimStart().startsWith('[') || body.trimStart().startsWith('{')
    ? parseJson(body, options.binary ?? false)
    : parseCsv(body, options.binary ?? false);
}

/** The one line a user sees, e.g. `crossover.csv line 4: sequence: expected AB or BA, got "AC"`. */
export function formatCrossoverIssue(issue: CrossoverInputIssue, source: string): string {
  const where = issue.line === undefined ? source : `${source} line ${issue.line}`;
  return `${where}: ${issue.column === undefined ? '' : `${issue.column}: `}${issue.message}`;
}

function parseCsv(text: string, binary: boolean): CrossoverInputResult {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as unknown as typeof rows;
  } catch (error) {
    const { lines, message = 'unreadable' } = error as { lines?: number; message?: string };
    const counts = /expect (\d+), got (\d+)/.exec(message);
    const reason = counts
      ? `this row has ${counts[2]} fields, the header has ${counts[1]}`
      : `not valid CSV: ${message.replace(/ (at|on) line \d+\.?$/, '')}`;
    return refuse(lines, undefined, reason);
  }
  const [header, ...records] = rows;
  if (!header) return refuse(undefined, undefined, `no data: expected a header row ${CROSSOVER_COLUMNS.join(',')} and one row per subject`);
  const names = header.record.map((name) => name.toLowerCase());
  for (const column of CROSSOVER_COLUMNS) {
    if (!names.includes(column))
      return refuse(
        header.info.lines,
        undefined,
        `the header has no ${column} column (expected ${CROSSOVER_COLUMNS.join(',')}, got ${quoteForMessage(header.record.join(','), 60)})`,
      );
    if (names.indexOf(column) !== names.lastIndexOf(column)) return refuse(header.info.lines, column, 'the header names this column twice');
  }
  const cells = records.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(CROSSOVER_COLUMNS.map((column) => [column, record[names.indexOf(column)] as unknown])) as Record<
      Column,
      unknown
    >,
  }));
  return readRecords(cells, binary, 'csv');
}

function parseJson(text: string, binary: boolean): CrossoverInputResult {
  const syntax = locateJsonError(text);
  if (syntax) return refuse(syntax.line, `column ${syntax.column}`, `not valid JSON: ${syntax.message}`);
  const value = JSON.parse(text) as unknown;
  if (!Array.isArray(value)) return refuse(1, undefined, 'expected a JSON array of {"subject", "sequence", "y1", "y2"} objects');
  const starts = locateArrayElements(text);
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
  const cells: { line: number; values: Record<Column, unknown> }[] = [];
  for (const [index, item] of value.entries()) {
    const line = lineOf(starts[index]);
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return refuse(line, undefined, `record ${index + 1}: expected an object with ${CROSSOVER_COLUMNS.join(', ')}`);
    const values = item as Record<string, unknown>;
    cells.push({ line, values: { subject: values.subject, sequence: values.sequence, y1: values.y1, y2: values.y2 } });
  }
  return readRecords(cells, binary, 'json');
}

function readRecords(
  cells: { line: number; values: Record<Column, unknown> }[],
  binary: boolean,
  format: 'csv' | 'json',
): CrossoverInputResult {
  if (cells.length === 0) return refuse(undefined, undefined, 'no subjects: expected one row per subject');
  const firstLine = new Map<string, number>();
  const subjects: CrossoverRecord[] = [];
  for (const { line, values } of cells) {
    const subject =
      typeof values.subject === 'number' && Number.isFinite(values.subject)
        ? String(values.subject)
        : typeof values.subject === 'string'
          ? values.subject.trim()
          : undefined;
    if (!subject) return refuse(line, 'subject', `expected a subject id, got ${quoteForMessage(values.subject ?? null)}`);
    const seen = firstLine.get(subject);
    if (seen !== undefined)
      return refuse(
        line,
        'subject',
        `${quoteForMessage(subject)} appears twice (first on line ${seen}): one row per subject, with both periods`,
      );
    firstLine.set(subject, line);
    const sequence = typeof values.sequence === 'string' ? values.sequence.trim().toUpperCase() : undefined;
    if (sequence !== 'AB' && sequence !== 'BA')
      return refuse(line, 'sequence', `expected AB or BA, got ${quoteForMessage(values.sequence ?? null)}`);
    const y1 = readOutcome(values.y1, binary, format);
    if (typeof y1 === 'string') return refuse(line, 'y1', y1);
    const y2 = readOutcome(values.y2, binary, format);
    if (typeof y2 === 'string') return refuse(line, 'y2', y2);
    subjects.push({ subject, sequence, y1, y2, line });
  }
  return { ok: true, value: { format, subjects } };
}

/** The outcome as a number, or why it is refused. */
function readOutcome(raw: unknown, binary: boolean, format: 'csv' | 'json'): number | string {
  const expected = binary ? 'expected 0 or 1 (pass/fail)' : 'expected a number';
  let value: number | undefined;
  if (format === 'json') value = typeof raw === 'number' ? raw : undefined;
  else if (typeof raw === 'string' && NUMBER.test(raw)) value = Number(raw);
  if (value === undefined || !Number.isFinite(value)) {
    const missing = raw === undefined || raw === null || raw === '' || raw === 'NA';
    return `${expected}, got ${quoteForMessage(raw ?? null)}${missing ? ' (leave out subjects without both periods)' : ''}`;
  }
  if (binary && value !== 0 && value !== 1) return `${expected}, got ${quoteForMessage(raw)}`;
  return value;
}

function refuse(line: number | undefined, column: string | undefined, message: string): CrossoverInputResult {
  return { ok: false, issue: { ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }), message } };
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
