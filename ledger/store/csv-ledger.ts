// Append-only CSV ledgers (Churn_Ledger.csv, Token_Churn_Ledger.csv): locked, fsync'd, safe with hand edits.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError, redactText } from '../../kernel/index.js';
import { ensureDataDir } from './data-dir.js';
import { withExclusiveLock } from './file-lock.js';

export const CSV_LEDGERS = { churn: 'Churn_Ledger.csv', tokenChurn: 'Token_Churn_Ledger.csv' } as const;
export type CsvLedger = (typeof CSV_LEDGERS)[keyof typeof CSV_LEDGERS];

type Cell = string | number | null;

/**
 * Appends records under the file's exclusive lock. A new file gets `columns` as its header; an existing
 * one keeps its own header (a person may have reordered or added columns) and must contain every column.
 * Existing bytes are never rewritten; a last line without a newline (a hand edit) is ended first.
 */
export function appendCsvRecords(dataDir: string, file: CsvLedger, columns: readonly string[], records: Record<string, Cell>[]): void {
  ensureDataDir(dataDir);
  const path = join(dataDir, file);
  const fd = openSync(path, 'a+');
  try {
    withExclusiveLock(fd, () => {
      const existing = readFileSync(path, 'utf8');
      // The whole file must read as CSV: a row appended after an unclosed quote would vanish into it.
      if (existing.trim() !== '') readCsvText(existing, file);
      const header = existing.trim() === '' ? null : readHeader(existing, file);
      const order = header ?? [...columns];
      const missing = columns.filter((column) => !order.includes(column));
      if (missing.length > 0) {
        throw new AppError(
          'BAD_INPUT',
          `the header lacks column ${JSON.stringify(missing[0])} (expected ${columns.join(',')}); add it back or move the file aside`,
          { where: file },
        );
      }
      const rows = records.map((record) => order.map((column) => toCell(record[column])));
      // Keep the file's own line endings (a spreadsheet may have saved it with CRLF).
      const newline = existing.includes('\r\n') ? '\r\n' : '\n';
      const text = stringify(header ? rows : [order, ...rows], { record_delimiter: newline === '\r\n' ? 'windows' : 'unix' });
      const prefix = existing.length > 0 && !existing.endsWith('\n') ? newline : '';
      writeSync(fd, `${prefix}${text}`);
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every record of a CSV ledger as column → text; an absent file has none. */
export function readCsvRecords(dataDir: string, file: CsvLedger): Record<string, string>[] {
  const path = join(dataDir, file);
  if (!existsSync(path)) return [];
  return readCsvText(readFileSync(path, 'utf8'), file);
}

/** Parses a whole CSV ledger (BOM and CRLF allowed) into records, or says where it stops being CSV. */
function readCsvText(text: string, file: CsvLedger): Record<string, string>[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new AppError('BAD_INPUT', `cannot read it as CSV: ${(error as Error).message}`, { where: file, cause: error });
  }
}

function readHeader(text: string, file: CsvLedger): string[] {
  try {
    const [header] = parse(text, { to_line: 1, bom: true }) as string[][];
    return header ?? [];
  } catch (error) {
    throw new AppError('BAD_INPUT', `cannot read its header as CSV: ${(error as Error).message}`, { where: file, cause: error });
  }
}

function toCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const text = redactText(String(value));
  // A text cell starting with = + - @ would run as a formula in a spreadsheet: quote it with a leading '.
  return typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
}
