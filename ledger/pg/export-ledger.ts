// `tracker ledger export`: writes a PostgreSQL ledger back out as a JSONL data directory, in each file's append order.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { copyRowsInto } from './copy-rows.js';

export interface ExportedFile {
  file: string;
  rows: number;
}

/**
 * Writes every ledger file of `url` into `dir`, which must not exist or be empty: an export never overwrites.
 * The files are written in a hidden folder beside `dir` and moved into place at the end, so an interrupted export
 * leaves no half-written ledger behind.
 */
export function exportLedger(url: string, dir: string): ExportedFile[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new AppError('BAD_USAGE', 'the export directory is not empty; an export never writes over files (pick a new directory)', {
      where: dir,
    });
  }
  const staging = join(dirname(dir), `.${basename(dir)}.export-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  const exported: ExportedFile[] = [];
  for (const file of Object.values(LEDGER_FILES)) {
    const rows = exportFile(url, file, join(staging, file));
    if (rows > 0) exported.push({ file, rows });
  }
  if (existsSync(dir)) {
    for (const { file } of exported) renameSync(join(staging, file), join(dir, file));
    rmdirSync(staging);
  } else {
    renameSync(staging, dir);
  }
  return exported;
}

function exportFile(url: string, file: string, path: string): number {
  const fd = openSync(path, 'wx');
  let rows = 0;
  try {
    rows = copyRowsInto(url, file, fd, { seq: 0, bytes: 0 });
  } finally {
    closeSync(fd);
  }
  // A file the database has no rows of is not exported (the staging folder is this export's own).
  if (rows === 0) unlinkSync(path);
  return rows;
}
