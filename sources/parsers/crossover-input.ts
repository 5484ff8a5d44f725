// Reads AB/BA crossover data from CSV or JSON (subject,sequence,y1,y2), naming the line and column of any fault.
import { quoteForMessage } from './clean-screen-text.js';
import {
  formatRecordIssue,
  readFiniteNumber,
  readLabel,
  readRecordTable,
  refuseRecord,
  type RecordIssue,
  type TableRecord,
} from './read-record-table.js';

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
export type CrossoverInputIssue = RecordIssue;

export type CrossoverInputResult = { ok: true; value: CrossoverInput } | { ok: false; issue: CrossoverInputIssue };

/** The columns every row needs; others are ignored. */
export const CROSSOVER_COLUMNS = ['subject', 'sequence', 'y1', 'y2'] as const;
type Column = (typeof CROSSOVER_COLUMNS)[number];

/**
 * Parses crossover data: a JSON array of `{subject, sequence, y1, y2}` objects when the text starts with `[`,
 * else CSV with a header row naming (at least) those columns. `sequence` is AB or BA (any case); y1 and y2
 * are finite numbers, or exactly 0 or 1 with `binary` (pass/fail). Subjects must be distinct.
 */
export function parseCrossoverInput(text: string, options: { binary?: boolean } = {}): CrossoverInputResult {
  const table = readRecordTable(text, CROSSOVER_COLUMNS, 'one row per subject');
  return table.ok ? readRecords(table.records, options.binary ?? false, table.format) : table;
}

/** The one line a user sees, e.g. `crossover.csv line 4: sequence: expected AB or BA, got "AC"`. */
export function formatCrossoverIssue(issue: CrossoverInputIssue, source: string): string {
  return formatRecordIssue(issue, source);
}

function readRecords(cells: readonly TableRecord<Column>[], binary: boolean, format: 'csv' | 'json'): CrossoverInputResult {
  if (cells.length === 0) return refuseRecord(undefined, undefined, 'no subjects: expected one row per subject');
  const firstLine = new Map<string, number>();
  const subjects: CrossoverRecord[] = [];
  for (const { line, values } of cells) {
    const subject = readLabel(values.subject);
    if (!subject) return refuseRecord(line, 'subject', `expected a subject id, got ${quoteForMessage(values.subject ?? null)}`);
    const seen = firstLine.get(subject);
    if (seen !== undefined)
      return refuseRecord(
        line,
        'subject',
        `${quoteForMessage(subject)} appears twice (first on line ${seen}): one row per subject, with both periods`,
      );
    firstLine.set(subject, line);
    const sequence = typeof values.sequence === 'string' ? values.sequence.trim().toUpperCase() : undefined;
    if (sequence !== 'AB' && sequence !== 'BA')
      return refuseRecord(line, 'sequence', `expected AB or BA, got ${quoteForMessage(values.sequence ?? null)}`);
    const y1 = readOutcome(values.y1, binary, format);
    if (typeof y1 === 'string') return refuseRecord(line, 'y1', y1);
    const y2 = readOutcome(values.y2, binary, format);
    if (typeof y2 === 'string') return refuseRecord(line, 'y2', y2);
    subjects.push({ subject, sequence, y1, y2, line });
  }
  return { ok: true, value: { format, subjects } };
}

/** The outcome as a number, or why it is refused. */
function readOutcome(raw: unknown, binary: boolean, format: 'csv' | 'json'): number | string {
  const expected = binary ? 'expected 0 or 1 (pass/fail)' : 'expected a number';
  const value = readFiniteNumber(raw, format);
  if (value === undefined) {
    const missing = raw === undefined || raw === null || raw === '' || raw === 'NA';
    return `${expected}, got ${quoteForMessage(raw ?? null)}${missing ? ' (leave out subjects without both periods)' : ''}`;
  }
  if (binary && value !== 0 && value !== 1) return `${expected}, got ${quoteForMessage(raw)}`;
  return value;
}
