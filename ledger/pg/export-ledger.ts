// `tracker ledger export`: writes a PostgreSQL ledger back out as a JSONL data directory, in each file's append order.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../kernel/app-error.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { pgBridge } from './pg-bridge.js';

const PAGE = 20_000;

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
  let after = 0;
  let rows = 0;
  let fd: number | null = null;
  try {
    for (;;) {
      const page = pgBridge.fetch(url, file, after, PAGE);
      if (page.lines.length === 0) break;
      fd ??= openSync(path, 'wx');
      const buffer = Buffer.from(`${page.lines.join('\n')}\n`, 'utf8');
      writeSync(fd, buffer);
      rows += page.lines.length;
      after = page.seqs.at(-1) ?? after;
      if (page.lines.length < PAGE) break;
    }
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return rows;
}
