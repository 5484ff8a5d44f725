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

const MAX_REPORTED = 20;

/**
 * A missing file is no rows. Rows of other kinds are ignored; rows of `kind` that fail `schema` are skipped and counted.
 * `keepLine`, when given, is asked before a line is parsed: a line it turns down is not read at all (it must keep
 * every row that may retract or correct a row it keeps).
 */
export function readLiveRows<S extends z.ZodType<{ id: string; kind: string }>>(
  dataDir: string,
  file: LedgerFile,
  kind: string,
  schema: S,
  keepLine?: (text: string) => boolean,
): LiveRows<z.infer<S>> {
  const result: LiveRows<z.infer<S>> = { rows: [], skipped: [], skippedCount: 0, torn: false };
  const skip = (lineNo: number, reason: string): void => {
    result.skippedCount += 1;
    if (result.skipped.length < MAX_REPORTED) result.skipped.push({ file, lineNo, reason });
  };
  const raw: (FoldableRow & { lineNo: number; value: Record<string, unknown> })[] = [];
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
    raw.push({
      id: row.id,
      kind: row.kind,
      supersedes: row.supersedes as string | undefined,
      target_id: row.target_id as string | undefined,
      lineNo,
      value: row,
    });
  });
  result.torn = read.tail !== null;
  for (const row of foldRows(raw)) {
    if (row.kind !== kind) continue;
    const parsed = schema.safeParse(row.value);
    if (parsed.success) result.rows.push(parsed.data);
    else skip(row.lineNo, describeIssue(parsed.error));
  }
  return result;
}

/** `path: message` of a zod error's first issue. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.map(String).join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
}

export { LEDGER_FILES };
