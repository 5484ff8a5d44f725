// Removes the arm folders a killed run left (its HOME may hold the agent's login), never a live run's nor anything the runner did not make.
import { lstatSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { removeSandbox } from './create-sandbox.js';
import { isOwnedHere, isOwnerDead, OWNER_MARK, readOwnerMark, resolveOwnerMark } from './sandbox-owner.js';

/**
 * Removes the arm folders under `parentDir` (the run's --sandbox-dir, else the temp folder) whose owner mark (sandbox-owner.ts) names a process
 * of this host that has ended (`dead`: at a run's start, what a SIGKILLed run left, whatever its data dir) or this
 * process (`mine`: on SIGTERM). Only folders with a mark this user wrote are looked at: kept sandboxes
 * (--keep-sandboxes) have none, nor has anything else in the folder. A symlink or a file at the folder's name is left
 * as it is, never followed. Returns the folders removed.
 */
export function sweepSandboxes(parentDir: string | undefined, whose: 'dead' | 'mine'): string[] {
  const removed: string[] = [];
  const parent = resolve(parentDir ?? tmpdir());
  for (const name of listNames(parent)) {
    const folder = OWNER_MARK.exec(name)?.[1];
    if (!folder) continue;
    const root = join(parent, folder);
    const owner = readOwnerMark(resolveOwnerMark(root));
    if (!owner || !(whose === 'mine' ? isOwnedHere(owner) : isOwnerDead(owner))) continue;
    const stat = lstatSync(root, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) continue;
    if (removeSandbox(root)) removed.push(root); // a mark whose folder is gone goes too
  }
  return removed;
}

function listNames(parent: string): string[] {
  try {
    return readdirSync(parent);
  } catch {
    return []; // no such folder (yet): nothing was left there
  }
}
