// Reads and validates every task folder of a task bank (`DIR/<id>/{task.json,spec.md,fixture,tests,solution}`).
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { isTaskId, TaskMetaSchema, type TaskMeta } from './task-schema.js';

export interface BankTask {
  meta: TaskMeta;
  /** Absolute or caller-relative paths of the task's parts. */
  dir: string;
  spec: string;
  fixture: string;
  tests: string;
  solution: string;
}

const PARTS = [
  ['spec.md', 'file'],
  ['fixture', 'dir'],
  ['tests', 'dir'],
  ['solution', 'dir'],
] as const;

/** The parts of the task folder `dir` whose task.json is `meta` (a staged task's too). */
export function describeTaskFolder(dir: string, meta: TaskMeta): BankTask {
  return {
    meta,
    dir,
    spec: join(dir, 'spec.md'),
    fixture: join(dir, 'fixture'),
    tests: join(dir, 'tests'),
    solution: join(dir, 'solution'),
  };
}

function readMeta(file: string, folder: string): TaskMeta {
  const meta = readJsonFile(file, TaskMetaSchema, { label: 'task' });
  if (meta.id !== folder) throw new AppError('BAD_INPUT', `id "${meta.id}" does not match its folder "${folder}"`, { where: file });
  return meta;
}

/** Every task of the bank, sorted by id. Plain files beside the tasks are skipped. Refuses symlinks, unsafe folder names, bad metadata and missing parts, naming the path. */
export function loadTaskBank(dir: string): BankTask[] {
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) throw new AppError('NOT_FOUND', 'no task bank folder', { where: dir });
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  // A repository given where its tasks belong ("folder name ".git" is not a task id"): say how to make them.
  const isRepository = existsSync(join(dir, '.git'));
  if (isRepository && !entries.some((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'task.json')))) {
    throw new AppError(
      'BAD_USAGE',
      `this is a git repository, not a task bank: make tasks from its history with \`experiment tasks import --repo ${dir}\`, then pass the folder it writes to --tasks`,
      { where: dir },
    );
  }
  const tasks: BankTask[] = [];
  for (const entry of entries) {
    const taskDir = join(dir, entry.name);
    if (entry.isFile()) continue; // a README or .gitkeep beside the tasks
    if (isRepository && entry.name === '.git') continue; // a task bank kept under version control
    if (!entry.isDirectory()) throw new AppError('BAD_INPUT', 'expected a task folder (symlinks are refused)', { where: taskDir });
    if (!isTaskId(entry.name))
      throw new AppError('BAD_INPUT', `folder name "${entry.name}" is not a task id (lower-case kebab, 3-48 of a-z, 0-9, -)`, {
        where: taskDir,
      });
    const metaFile = join(taskDir, 'task.json');
    if (!existsSync(metaFile)) throw new AppError('BAD_INPUT', 'missing task.json', { where: taskDir });
    const meta = readMeta(metaFile, entry.name);
    for (const [part, kind] of PARTS) {
      const path = join(taskDir, part);
      const stat = existsSync(path) ? lstatSync(path) : undefined;
      const ok = kind === 'file' ? stat?.isFile() : stat?.isDirectory();
      if (!ok) throw new AppError('BAD_INPUT', `missing ${kind === 'file' ? 'file' : 'folder'} ${part}`, { where: path });
    }
    tasks.push(describeTaskFolder(taskDir, meta));
  }
  return tasks;
}
