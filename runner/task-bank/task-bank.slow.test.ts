// CI proof for the task bank: every task's hidden tests fail on its fixture and pass with its reference solution.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaskBank } from './load-task-bank.js';
import { verifyTask } from './verify-task.js';
import { isTaskId } from './task-schema.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const BANK = fileURLToPath(new URL('../../task-bank', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'task-bank-'));
afterAll(() => removeScratch(scratch));

const tasks = loadTaskBank(BANK);

describe('task bank', () => {
  it('holds at least 10 ready tasks', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(10);
    expect(new Set(tasks.map((t) => t.meta.id)).size).toBe(tasks.length);
  });

  it('holds JavaScript, TypeScript and Python tasks, and a default subset of JavaScript tasks', () => {
    const languages = new Set(tasks.map((t) => t.meta.language));
    for (const language of ['javascript', 'typescript', 'python'] as const) expect(languages).toContain(language);
    expect(tasks.filter((t) => t.meta.tags.includes('default')).length).toBeGreaterThanOrEqual(10);
  });

  it("records every task's difficulty, and a size equal to what git measures between fixture and solution", () => {
    for (const task of tasks) {
      expect(task.meta.difficulty, `${task.meta.id}: difficulty`).toBeDefined();
      expect(task.meta.size, `${task.meta.id}: size`).toEqual(measureSolutionSize(task.dir));
    }
    expect(new Set(tasks.map((t) => t.meta.difficulty))).toEqual(new Set(['easy', 'medium', 'hard']));
  });

  // verifyTask runs each task's own test command (node --test, the TypeScript hook, python3 unittest) as an arm does.
  // One run each here (scripts/write-bank-test-lists.ts derived the stored lists over 3 solution and 2 fixture runs).
  it.each(tasks.map((t) => [t.meta.id, t] as const))('%s: sim-noop scores 0 and sim-oracle 1 on its stored lists', async (id, task) => {
    expect(task.meta.fail_to_pass, `${id}: task.json names its fail_to_pass tests`).toBeDefined();
    const verdict = await verifyTask(task, { parentDir: scratch, timeoutMs: 60_000, reruns: { solution: 1, fixture: 1 } });
    expect(verdict.ok, `${id}: ${verdict.reason ?? ''} ${verdict.notes.join('; ')}`).toBe(true);
    expect(verdict).toMatchObject({ lists: 'stored', noop: 0, oracle: 1 });
    // The stored lists are what these runs find: no test added, renamed or lost since they were written.
    expect(verdict.fail_to_pass).toEqual(task.meta.fail_to_pass);
    expect(verdict.pass_to_pass).toEqual(task.meta.pass_to_pass ?? []);
  });
});

/** Files and lines (added + deleted) the solution changes; it is laid over the fixture, so files it lacks stay as they are. */
function measureSolutionSize(taskDir: string): { files_changed: number; lines_changed: number } {
  // git diff --no-index exits 1 when the folders differ: read its output either way.
  let out: string;
  try {
    out = execFileSync('git', ['diff', '--no-index', '--numstat', 'fixture', 'solution'], { cwd: taskDir, encoding: 'utf8' });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  // A fixture file the solution lacks shows as `fixture/x => /dev/null`.
  const changed = out.split('\n').filter((line) => line !== '' && !line.endsWith('=> /dev/null'));
  const lines = changed.reduce((sum, line) => sum + Number(line.split('\t')[0]) + Number(line.split('\t')[1]), 0);
  return { files_changed: changed.length, lines_changed: lines };
}

describe('loadTaskBank', () => {
  const makeBank = (name: string, meta: Record<string, unknown> | string, folder = name): string => {
    const bank = mkdtempSync(join(scratch, 'bank-'));
    const dir = join(bank, folder);
    for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
    writeFileSync(join(dir, 'spec.md'), '# spec\n');
    writeFileSync(join(dir, 'task.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
    return bank;
  };
  const meta = (id: string) => ({
    id,
    title: 'T',
    estimated_lines: 50,
    timeout_s: 900,
    status: 'ready',
    blocked_by: ['capacity'],
    language: 'javascript',
  });

  it('reads a valid task, skipping plain files beside it', () => {
    const bank = makeBank('good-task', meta('good-task'));
    writeFileSync(join(bank, 'README.md'), '# bank\n');
    expect(loadTaskBank(bank).map((t) => t.meta)).toEqual([{ ...meta('good-task'), tags: [] }]);
  });

  it('reads a bank kept under git, and points a repository without tasks at `experiment tasks import`', () => {
    const bank = makeBank('good-task', meta('good-task'));
    mkdirSync(join(bank, '.git', 'objects'), { recursive: true });
    expect(loadTaskBank(bank).map((t) => t.meta.id)).toEqual(['good-task']);
    const repo = mkdtempSync(join(scratch, 'repo-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'src'));
    expect(() => loadTaskBank(repo)).toThrow(
      `this is a git repository, not a task bank: make tasks from its history with \`experiment tasks import --repo ${repo}\``,
    );
  });

  it.each(['..', 'a/b', '../etc', 'Upper', 'ab', '-lead', 'a.b.c', 'x'.repeat(49)])('refuses the id %j', (id) => {
    expect(isTaskId(id)).toBe(false);
  });

  it('refuses an id that does not match its folder, naming the file', () => {
    const bank = makeBank('good-task', meta('other-task'));
    expect(() => loadTaskBank(bank)).toThrow(/does not match its folder "good-task"/);
    try {
      loadTaskBank(bank);
    } catch (error) {
      expect((error as { where?: string }).where).toBe(join(bank, 'good-task', 'task.json'));
    }
  });

  it('refuses a path-trick id inside task.json', () => {
    expect(() => loadTaskBank(makeBank('good-task', meta('../good-task')))).toThrow(/id: expected a lower-case kebab id/);
  });

  it('refuses folders that are not task ids, symlinks, bad JSON and missing parts', () => {
    expect(() => loadTaskBank(makeBank('Bad_Name', meta('bad-name'), 'Bad_Name'))).toThrow(/folder name "Bad_Name" is not a task id/);
    const linked = makeBank('good-task', meta('good-task'));
    symlinkSync(join(linked, 'good-task'), join(linked, 'link-task'));
    expect(() => loadTaskBank(linked)).toThrow(/symlinks are refused/);
    expect(() => loadTaskBank(makeBank('good-task', '{nope'))).toThrow(/not JSON/);
    const missing = makeBank('good-task', meta('good-task'));
    rmSync(join(missing, 'good-task', 'solution'), { recursive: true });
    expect(() => loadTaskBank(missing)).toThrow(/missing folder solution/);
  });
});
