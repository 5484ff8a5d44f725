// Writes a small JSON file through a temp file and a rename, so a reader never sees it half-written.
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDir } from './data-dir.js';

export function writeJsonAtomically(path: string, value: unknown): void {
  const dir = ensureDir(dirname(path));
  const tmp = join(dir, `.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}
