// Reads crossover data with one row per subject and period (subject,sequence,period,treatment,y), for 2+ treatments.
import { quoteForMessage } from './clean-screen-text.js';
import { readFiniteNumber, readLabel, readRecordTable, refuseRecord, type RecordIssue, type TableRecord } from './read-record-table.js';

/** One measurement: `subject` had `treatment` in `period` (1-based) and scored `y`; `line` is where it was read. */
export interface CrossoverPeriodRecord {
  subject: string;
  sequence: string;
  period: number;
  treatment: string;
  y: number;
  line: number;
}

export type CrossoverPeriodsResult =
  | { ok: true; value: { format: 'csv' | 'json'; observations: CrossoverPeriodRecord[] } }
  | { ok: false; issue: RecordIssue };

/** The columns every row needs; others are ignored. */
export const CROSSOVER_PERIOD_COLUMNS = ['subject', 'sequence', 'period', 'treatment', 'y'] as const;
type Column = (typeof CROSSOVER_PERIOD_COLUMNS)[number];

/**
 * Which layout crossover data is in: `periods` when its CSV header (or its first JSON object) has both a
 * `period` and a `treatment` column, else `subjects` (one row per subject: subject,sequence,y1,y2).
 */
export function detectCrossoverLayout(text: string): 'periods' | 'subjects' {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('[') || body.startsWith('{'))
    return /"period"\s*:/.test(body) && /"treatment"\s*:/.test(body) ? 'periods' : 'subjects';
  const header = (body.split(/\r?\n/, 1)[0] ?? '').split(',').map((name) => name.trim().replace(/^"|"$/g, '').toLowerCase());
  return header.includes('period') && header.includes('treatment') ? 'periods' : 'subjects';
}

/**
 * Parses crossover data in long form: CSV with a header row naming (at least) subject, sequence, period,
 * treatment and y, or a JSON array of such objects. `period` is a whole number >= 1, `y` a finite number.
 * Refuses, naming the line and column: a subject with two rows for one period or under two sequences, and two
 * subjects of the same sequence with different treatments in one period. When every character of a sequence
 * label is a one-character treatment (e.g. `ABDC`), the label must spell the subject's treatments.
 */
export function parseCrossoverPeriods(text: string): CrossoverPeriodsResult {
  const table = readRecordTable(text, CROSSOVER_PERIOD_COLUMNS, 'one row per subject and period');
  if (!table.ok) return table;
  if (table.records.length === 0) return refuseRecord(undefined, undefined, 'no observations: expected one row per subject and period');
  const observations: CrossoverPeriodRecord[] = [];
  for (const record of table.records) {
    const read = readObservation(record, table.format);
    if ('issue' in read) return read;
    observations.push(read);
  }
  const issue = checkSequences(observations);
  return issue ? { ok: false, issue } : { ok: true, value: { format: table.format, observations } };
}

function readObservation(
  { line, values }: TableRecord<Column>,
  format: 'csv' | 'json',
): CrossoverPeriodRecord | { ok: false; issue: RecordIssue } {
  const got = (column: Column): string => quoteForMessage(values[column] ?? null);
  const subject = readLabel(values.subject);
  if (!subject) return refuseRecord(line, 'subject', `expected a subject id, got ${got('subject')}`);
  const sequence = readLabel(values.sequence);
  if (!sequence) return refuseRecord(line, 'sequence', `expected the subject's sequence label (e.g. ABDC), got ${got('sequence')}`);
  const period = readFiniteNumber(values.period, format);
  if (period === undefined || !Number.isInteger(period) || period < 1)
    return refuseRecord(line, 'period', `expected a whole number >= 1, got ${got('period')}`);
  const treatment = readLabel(values.treatment);
  if (!treatment) return refuseRecord(line, 'treatment', `expected a treatment name, got ${got('treatment')}`);
  const y = readFiniteNumber(values.y, format);
  if (y === undefined) {
    const missing = values.y === undefined || values.y === null || values.y === '' || values.y === 'NA';
    return refuseRecord(line, 'y', `expected a number, got ${got('y')}${missing ? ' (leave out the rows of periods not measured)' : ''}`);
  }
  return { subject, sequence, period, treatment, y, line };
}

/** The first row that contradicts an earlier one about a subject's sequence, its periods, or its sequence's treatments. */
function checkSequences(observations: readonly CrossoverPeriodRecord[]): RecordIssue | null {
  const letters = new Set(observations.map((o) => o.treatment));
  const spells = (sequence: string): boolean => [...letters].every((t) => t.length === 1) && [...sequence].every((c) => letters.has(c));
  const subjects = new Map<string, CrossoverPeriodRecord>();
  const cells = new Map<string, CrossoverPeriodRecord>();
  for (const o of observations) {
    const first = subjects.get(o.subject) ?? o;
    subjects.set(o.subject, first);
    const issue = (column: string, message: string): RecordIssue => ({ line: o.line, column, message });
    if (first.sequence !== o.sequence)
      return issue(
        'sequence',
        `subject ${quoteForMessage(o.subject)} is in sequence ${quoteForMessage(first.sequence)} on line ${first.line}, here ${quoteForMessage(o.sequence)}`,
      );
    const own = cells.get(JSON.stringify(['subject', o.subject, o.period]));
    if (own) return issue('period', `subject ${quoteForMessage(o.subject)} has period ${o.period} twice (first on line ${own.line})`);
    cells.set(JSON.stringify(['subject', o.subject, o.period]), o);
    if (spells(o.sequence) && o.sequence.charAt(o.period - 1) !== o.treatment)
      return issue(
        'treatment',
        o.period > o.sequence.length
          ? `sequence ${quoteForMessage(o.sequence)} has ${o.sequence.length} periods, this row is in period ${o.period}`
          : `sequence ${quoteForMessage(o.sequence)} has ${o.sequence.charAt(o.period - 1)} in period ${o.period}, this row has ${quoteForMessage(o.treatment)}`,
      );
    const peer = cells.get(JSON.stringify(['sequence', o.sequence, o.period])) ?? o;
    cells.set(JSON.stringify(['sequence', o.sequence, o.period]), peer);
    if (peer.treatment !== o.treatment)
      return issue(
        'treatment',
        `sequence ${quoteForMessage(o.sequence)} has ${quoteForMessage(peer.treatment)} in period ${o.period} on line ${peer.line}, this row has ${quoteForMessage(o.treatment)}`,
      );
  }
  return null;
}
