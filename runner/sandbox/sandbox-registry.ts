// Remembers, in the data dir, which arm sandboxes exist, so a run killed with SIGKILL has its sandboxes removed by the next run.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ensureDir } from '../../ledger/index.js';
import { removeSandbox } from './create-sandbox.js';

function resolveRegistryDir(dataDir: string): string {
  return join(dataDir, 'state', 'runs', 'sandboxes');
}

/** One small file per live sandbox, named after its folder, holding its path. */
export function registerSandbox(dataDir: string, root: string): void {
  writeFileSync(join(ensureDir(resolveRegistryDir(dataDir)), basename(root)), root);
}

export function unregisterSandbox(dataDir: string, root: string): void {
  rmSync(join(resolveRegistryDir(dataDir), basename(root)), { force: true });
}

/**
 * Removes the sandboxes an earlier run left (it was killed before its cleanup); kept sandboxes
 * (--keep-sandboxes) are never registered. Returns the folders removed. removeSandbox refuses any path
 * that is not an `agent-tracker-arm-XXXXXX` folder, so a tampered entry cannot delete anything else.
 */
export function removeLeftoverSandboxes(dataDir: string): string[] {
  const dir = resolveRegistryDir(dataDir);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const root = readFileSync(join(dir, name), 'utf8').trim();
    if (name.startsWith('agent-tracker-arm-') && basename(root) === name && existsSync(root)) {
      removeSandbox(root);
      removed.push(root);
    }
    rmSync(join(dir, name), { force: true });
  }
  return removed;
}
