import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { importTasks, type VerifyStaged } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { IMPORT_MARKER, openOutDir } from './write-task-folder.js';

const ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
};
const roots: string[] = [];

async function commit(repo: string, message: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  await execa('git', ['add', '-A'], { cwd: repo });
  await execa('git', ['commit', '-q', '-m', message], { cwd: repo, env: ENV });
}

async function makeRepo(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'task-import-'));
  roots.push(root);
  const repo = join(root, 'repo');
  mkdirSync(repo);
  await execa('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await commit(repo, 'Start', { 'package.json': '{"type":"module"}\n', 'src/a.js': 'export const a = 1;\n', '.env': 'TOKEN=x\n' });
  await commit(repo, 'Add b\n\nb doubles a.', { 'src/b.js': 'export const b = 2;\n', 'test/b.test.js': 'b\n' });
  await commit(repo, 'Tidy a', { 'src/a.js': 'export const a = 1; // one\n' });
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('importTasks', () => {
  it('writes a kept change as a task folder and rejects the others with their reasons', async () => {
    const root = await makeRepo();
    const seen: string[] = [];
    const verify: VerifyStaged = async (dir) => {
      seen.push(readdirSync(dir).sort().join(','));
      return { ok: true, solutionTotal: 3, lists: { fail_to_pass: ['t new'], pass_to_pass: [] } };
    };
    const progress: string[] = [];
    const summary = await importTasks({
      repo: join(root, 'repo'),
      out: join(root, 'bank'),
      max: 5,
      limits: DEFAULT_LIMITS,
      verify,
      onProgress: (line) => progress.push(line),
    });
    expect(summary.rejected.map((entry) => entry.reason)).toEqual(['no tests changed', 'root commit (no parent to start from)']);
    expect(summary.kept.map((task) => task.id)).toEqual([expect.stringMatching(/^add-b-[0-9a-f]{7}$/)]);
    expect(seen).toEqual(['fixture,solution,spec.md,task.json,tests']);
    expect(progress[0]).toMatch(/^3 commits to examine in /);
    expect(progress[2]).toMatch(/^candidate 2 of 3 [0-9a-f]{7} "Add b": kept as add-b-/);
    const task = join(root, 'bank', summary.kept[0]?.id ?? '');
    // The spec names what the hidden tests use that the fixture lacks, as the solution declares it.
    expect(readFileSync(join(task, 'spec.md'), 'utf8')).toBe(
      '# Add b\n\nb doubles a.\n\nFiles to change: `src/b.js`.\n\nThe hidden tests use these names, new or changed by this work (signatures as the reference solution has them):\n\n- `src/b.js`: `export const b = 2;`\n',
    );
    expect(readdirSync(join(task, 'fixture')).sort()).toEqual(['package.json', 'src']); // .env never copied
    expect(readFileSync(join(task, 'tests/test/b.test.js'), 'utf8')).toBe('b\n');
    // The solution's count is recorded, so a later run that loses a test file has its tests failed.
    expect(JSON.parse(readFileSync(join(task, 'task.json'), 'utf8')).test.expected_total).toBe(3);
    expect(JSON.parse(readFileSync(join(task, 'task.json'), 'utf8')).fail_to_pass).toEqual(['t new']);
    expect(readdirSync(dirname(task)).sort()).toEqual([IMPORT_MARKER, summary.kept[0]?.id]); // no staging left
  });

  it('keeps nothing that fails verification, and says why', async () => {
    const root = await makeRepo();
    const summary = await importTasks({
      repo: join(root, 'repo'),
      out: join(root, 'bank'),
      max: 5,
      limits: DEFAULT_LIMITS,
      verify: async () => ({ ok: false, reason: 'tests pass before the change' }),
    });
    expect(summary.kept).toEqual([]);
    expect(summary.rejected[1]?.reason).toBe('tests pass before the change');
    expect(readdirSync(join(root, 'bank'))).toEqual([IMPORT_MARKER]);
  });
});

describe('openOutDir', () => {
  it('refuses a non-empty folder it did not make, and accepts its own', () => {
    const root = mkdtempSync(join(tmpdir(), 'task-import-out-'));
    roots.push(root);
    writeFileSync(join(root, 'mine.txt'), 'x');
    expect(() => openOutDir(root, 'repo')).toThrow(/is not empty and was not made by `experiment tasks import`/);
    const fresh = join(root, 'fresh');
    openOutDir(fresh, 'repo');
    writeFileSync(join(fresh, 'later.txt'), 'x');
    expect(() => openOutDir(fresh, 'repo')).not.toThrow();
  });
});
