// The owner mark of an arm folder: which process made it, so a later run can tell a dead run's leftover from a live one's.
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Who made an arm folder: the host, the pid and the process's start time (so a reused pid is not taken for it). */
export interface SandboxOwner {
  host: string;
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); null where there is no /proc. */
  start: string | null;
}

/** `.agent-tracker-arm-XXXXXX.owner` beside the folder. Hidden, so listings of arm folders do not show it. */
export const OWNER_MARK = /^\.(agent-tracker-arm-[A-Za-z0-9]{6})\.owner$/;

/** Marks are a few dozen bytes: a bigger file there is not one. */
const MAX_MARK_BYTES = 512;

/**
 * The mark sits beside the folder, not in it: the folder is handed to the sandbox's user (handOverSandbox), who could
 * rewrite anything inside, while its parent stays the runner's.
 */
export function resolveOwnerMark(root: string): string {
  return join(dirname(root), `.${basename(root)}.owner`);
}

/** Writes the mark of this process, readable by this user only; `wx` never writes through a link left there. */
export function writeOwnerMark(root: string): void {
  writeFileSync(resolveOwnerMark(root), JSON.stringify(describeOwner(process.pid)), { flag: 'wx', mode: 0o600 });
}

export function removeOwnerMark(root: string): void {
  rmSync(resolveOwnerMark(root), { force: true });
}

export function describeOwner(pid: number): SandboxOwner {
  return { host: hostname(), pid, start: readStartTime(pid) };
}

/**
 * The owner a mark names, or null when the mark is not one this user's runner wrote: not a plain file, another user's,
 * too big, or not a mark's JSON. Such a mark, and its folder, are left alone.
 */
export function readOwnerMark(markPath: string): SandboxOwner | null {
  const stat = lstatSync(markPath, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size > MAX_MARK_BYTES) return null;
  if (process.getuid && stat.uid !== process.getuid()) return null;
  try {
    const owner = JSON.parse(readFileSync(markPath, 'utf8')) as Partial<SandboxOwner>;
    if (typeof owner.host !== 'string' || !Number.isSafeInteger(owner.pid) || (owner.pid ?? 0) <= 0) return null;
    if (owner.start !== null && typeof owner.start !== 'string') return null;
    return { host: owner.host, pid: owner.pid as number, start: owner.start };
  } catch {
    return null;
  }
}

/** This very process. */
export function isOwnedHere(owner: SandboxOwner): boolean {
  return owner.host === hostname() && owner.pid === process.pid && owner.start === readStartTime(process.pid);
}

/**
 * The owner has ended: same host, and its pid is gone, a zombie, or now another process (another start time). A mark
 * of another host (a --sandbox-dir shared between machines) is never judged dead here: its pid means nothing here.
 */
export function isOwnerDead(owner: SandboxOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a process of another user has that pid; its start time below says whether it is the owner.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  const stat = readProcStat(owner.pid);
  if (stat === null) return false; // no /proc: a live pid is taken for the owner
  return stat.state === 'Z' || (owner.start !== null && stat.start !== owner.start);
}

function readStartTime(pid: number): string | null {
  return readProcStat(pid)?.start ?? null;
}

/** State and start time from /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses, so fields are counted after its last ')'. */
function readProcStat(pid: number): { state: string; start: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const start = fields[19];
    return state && start ? { state, start } : null;
  } catch {
    return null;
  }
}
