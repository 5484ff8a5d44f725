// Writes a task folder into a staging place and moves it into the bank whole, so the bank never holds half a task.
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import type { TaskMeta } from '../task-bank/task-schema.js';
import type { AssembledTask } from './assemble-task.js';

/** The file in an out folder that says `experiment tasks import` made it (a plain file, which the bank loader skips). */
export const IMPORT_MARKER = '.tasks-import.json';

/**
 * The folder's files, an executable one (git's 100755) with its executable bit: the bank keeps git's modes on disk, and
 * every copy into an arm or a verification keeps them (copy-tree.ts), so a bank written before it reads as it did.
 */
function writeFiles(root: string, files: ReadonlyMap<string, Buffer>, executable: ReadonlySet<string> = new Set()): void {
  mkdirSync(root, { recursive: true });
  for (const [path, bytes] of files) {
    const target = join(root, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    if (executable.has(path)) chmodSync(target, 0o755);
  }
}

/** Writes task.json, spec.md, fixture/, tests/ and solution/ under `dir` (which must not exist yet). */
export function writeTaskFolder(dir: string, meta: TaskMeta, spec: string, task: AssembledTask): void {
  mkdirSync(dir, { recursive: false });
  writeFileSync(join(dir, 'task.json'), `${JSON.stringify(meta, null, 2)}\n`);
  writeFileSync(join(dir, 'spec.md'), spec);
  writeFiles(join(dir, 'fixture'), task.fixture, task.executable?.fixture);
  writeFiles(join(dir, 'tests'), task.tests, task.executable?.tests);
  writeFiles(join(dir, 'solution'), task.solution, task.executable?.solution);
}

/**
 * Opens the out folder: creates it (with the marker) when absent or empty; accepts one an earlier import (or synthesis,
 * `tool`) made; refuses any other non-empty folder, naming it, so an import never writes among the user's files.
 */
export function openOutDir(out: string, repo: string, tool = 'experiment tasks import'): void {
  if (existsSync(out)) {
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(IMPORT_MARKER))
      throw new AppError('BAD_USAGE', `${JSON.stringify(out)} is not empty and was not made by \`${tool}\`: give a new or empty folder`, {
        where: '--out',
      });
  }
  mkdirSync(out, { recursive: true });
  if (!existsSync(join(out, IMPORT_MARKER))) writeFileSync(join(out, IMPORT_MARKER), `${JSON.stringify({ tool, repo }, null, 2)}\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A fresh staging folder beside the out folder (same file system, so the final move is a rename), removed by the caller.
 * Staging folders of imports that were killed (their process is gone) are removed first; they never held a whole task.
 */
export function createStagingDir(out: string): string {
  const prefix = `.${basename(out)}.staging-`;
  for (const name of readdirSync(dirname(out))) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && (pid === process.pid || !isAlive(pid)))
      rmSync(join(dirname(out), name), { recursive: true, force: true });
  }
  const dir = join(dirname(out), `${prefix}${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Moves a staged task into the bank; refuses to replace a task already there (the user may have edited it). */
export function moveIntoBank(staged: string, out: string, id: string): void {
  const target = join(out, id);
  if (existsSync(target)) throw new AppError('BAD_INPUT', `task ${id} is already in the bank; left as it is`, { where: target });
  renameSync(staged, target);
}
