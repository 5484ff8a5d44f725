// This package's root directory, found from wherever the running code sits: a module of dist/, a chunk of the bundled
// bins (dist/cli/chunks/, ADR 0025) or a TypeScript source run by vitest. Paths to shipped files (the task bank, the
// workers, package.json) are built from it, never from the calling module's own depth, which bundling changes.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null | undefined;

/** The nearest directory above this file whose package.json names agent-tracker, or null outside the package. */
export function findPackageRoot(): string | null {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isOwnPackage(join(dir, 'package.json'))) return (root = dir);
    if (dirname(dir) === dir) return (root = null);
    dir = dirname(dir);
  }
}

/** `relative` under the package root (`dist/ledger/pg/pg-worker.js`); relative to the working directory outside it. */
export function resolvePackagePath(relative: string): string {
  const found = findPackageRoot();
  return found === null ? relative : join(found, relative);
}

function isOwnPackage(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'agent-tracker';
  } catch {
    return false;
  }
}
