// Writes a whole file through a temp file and a rename, so a reader never sees it half-written.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensureDir } from './data-dir.js';

export function writeJsonAtomically(path: string, value: unknown): void {
  writeTextAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The temp file is made new (`wx`: never through a file already there) and removed when the write fails. */
export function writeTextAtomically(path: string, text: string): void {
  const dir = ensureDir(dirname(path));
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
