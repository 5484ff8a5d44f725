// Reads the live rows of one kind from a ledger file: parsed, folded (retractions, corrections) and checked by schema.
import type { z } from 'zod';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { foldRows, type FoldableRow } from '../store/fold-rows.js';
import { readLines } from '../store/read-lines.js';
import type { SkippedLine } from './report-ledger.js';

export interface LiveRows<T> {
  rows: T[];
  skipped: SkippedLine[];
  skippedCount: number;
  torn: boolean;
}

export interface LiveRowsOptions<T, U> {
  /**
   * Asked before a line is parsed: a line it turns down is not read at all (it must keep every row that may
   * retract or correct a row it keeps).
   */
  keepLine?: (text: string) => boolean;
  /** What is kept of a row that passed the schema (default: the whole row). */
  project?: (row: T) => U;
}

/** A line of `kind` as the fold sees it: its verdict is reached when it is read, so its parsed object can go. */
interface CheckedRow<U> extends FoldableRow {
  lineNo: number;
  row: U | undefined;
  reason: string | undefined;
}

const MAX_REPORTED = 20;

/**
 * A missing file is no rows. Rows of other kinds are ignored; live rows of `kind` that fail `schema` are
 * skipped and counted. Each row of `kind` is checked as it is read and only its projection is kept until
 * the fold ends (a large ledger would otherwise hold every parsed row at once); the verdicts that count
 * are those of the rows left live, as if they were checked after the fold.
 */
export function readLiveRows<S extends z.ZodType<{ id: string; kind: string }>, U = z.infer<S>>(
  dataDir: string,
  file: LedgerFile,
  kind: string,
  schema: S,
  options: LiveRowsOptions<z.infer<S>, U> = {},
): LiveRows<U> {
  const { keepLine, project } = options;
  const result: LiveRows<U> = { rows: [], skipped: [], skippedCount: 0, torn: false };
  const skip = (lineNo: number, reason: string): void => {
    result.skippedCount += 1;
    if (result.skipped.length < MAX_REPORTED) result.skipped.push({ file, lineNo, reason });
  };
  const raw: CheckedRow<U>[] = [];
  const read = readLines(locateLedgerFile(dataDir, file), ({ text, lineNo }) => {
    if (keepLine && !keepLine(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      skip(lineNo, (error as Error).message);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return skip(lineNo, 'not a JSON object');
    const row = value as Record<string, unknown>;
    if (typeof row.id !== 'string' || typeof row.kind !== 'string') return skip(lineNo, 'a row without id or kind');
    if (row.kind !== kind && row.kind !== 'retraction' && typeof row.supersedes !== 'string') return;
    const parsed = row.kind === kind ? schema.safeParse(row) : undefined;
    raw.push({
      id: row.id,
      kind: row.kind,
      supersedes: row.supersedes as string | undefined,
      target_id: row.target_id as string | undefined,
      lineNo,
      row: parsed?.success ? (project ? project(parsed.data) : (parsed.data as U)) : undefined,
      reason: parsed && !parsed.success ? describeIssue(parsed.error) : undefined,
    });
  });
  result.torn = read.tail !== null;
  for (const row of foldRows(raw)) {
    if (row.kind !== kind) continue;
    if (row.reason === undefined) result.rows.push(row.row as U);
    else skip(row.lineNo, row.reason);
  }
  return result;
}

/** `path: message` of a zod error's first issue. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
}

export { LEDGER_FILES };
