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

/** A repository of `count` changes, each adding a module and its test: every one is a candidate that reaches verify. */
async function makeWideRepo(count: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'task-import-wide-'));
  roots.push(root);
  const repo = join(root, 'repo');
  mkdirSync(repo);
  await execa('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await commit(repo, 'Start', { 'package.json': '{"type":"module"}\n', 'src/a.js': 'export const a = 1;\n' });
  for (let n = 1; n <= count; n += 1)
    await commit(repo, `Add module number ${n}`, {
      [`src/m${n}.js`]: `export const m${n} = ${n};\n`,
      [`test/m${n}.test.js`]: `m${n}\n`,
    });
  return root;
}

describe('importTasks with --jobs', () => {
  /** Every task folder in the bank is whole: its task.json already holds the lists verification wrote. */
  const checkBankWhole = (bank: string): void => {
    for (const name of readdirSync(bank).filter((entry) => entry !== IMPORT_MARKER)) {
      const meta = JSON.parse(readFileSync(join(bank, name, 'task.json'), 'utf8'));
      expect(meta.fail_to_pass, `${name} in the bank before its verification ended`).toEqual(['t new']);
      expect(readdirSync(join(bank, name)).sort()).toEqual(['fixture', 'solution', 'spec.md', 'task.json', 'tests']);
    }
  };

  it('prints, keeps and stops as one at a time does, and the bank only ever holds whole tasks', async () => {
    const runs: Array<{ progress: string[]; kept: string[] }> = [];
    let most = 0;
    for (const jobs of [1, 3]) {
      const root = await makeWideRepo(8);
      const bank = join(root, 'bank');
      let running = 0;
      // The first `jobs` verifications wait for each other: they run at once however slow the git reads before them are.
      let release: () => void = () => undefined;
      const together = new Promise<void>((resolve) => {
        release = resolve;
      });
      let arrived = 0;
      const verify: VerifyStaged = async (dir) => {
        running += 1;
        most = Math.max(most, running);
        checkBankWhole(bank); // others are being moved in meanwhile
        const n = Number(/number-(\d+)/.exec(dir)?.[1]);
        arrived += 1;
        if (arrived === jobs) release();
        if (arrived <= jobs) await together;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, n - 5) * 20)); // the newest finishes last
        running -= 1;
        // Module 5 fails verification; the rest are kept, until --max 4 stops the import.
        if (n === 5) return { ok: false, reason: 'tests pass before the change (1 of 1)' };
        return { ok: true, solutionTotal: 1, lists: { fail_to_pass: ['t new'], pass_to_pass: [] } };
      };
      const progress: string[] = [];
      const summary = await importTasks({
        repo: join(root, 'repo'),
        out: bank,
        max: 4,
        jobs,
        limits: DEFAULT_LIMITS,
        verify,
        onProgress: (line) => progress.push(line),
      });
      checkBankWhole(bank);
      expect(
        readdirSync(bank)
          .filter((entry) => entry !== IMPORT_MARKER)
          .sort(),
      ).toEqual([...summary.kept.map((task) => task.id)].sort());
      runs.push({
        progress: progress.slice(1).map((line) => line.replace(/[0-9a-f]{7}/g, 'HASH')),
        kept: summary.kept.map((task) => task.id.replace(/[0-9a-f]{7}$/, '')),
      });
    }
    expect(most).toBe(3);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]?.kept).toEqual(['add-module-number-8-', 'add-module-number-7-', 'add-module-number-6-', 'add-module-number-4-']);
    expect(runs[0]?.progress).toEqual([
      'candidate 1 of 9 HASH "Add module number 8": kept as add-module-number-8-HASH',
      'candidate 2 of 9 HASH "Add module number 7": kept as add-module-number-7-HASH',
      'candidate 3 of 9 HASH "Add module number 6": kept as add-module-number-6-HASH',
      'candidate 4 of 9 HASH "Add module number 5": rejected, tests pass before the change (1 of 1)',
      'candidate 5 of 9 HASH "Add module number 4": kept as add-module-number-4-HASH',
    ]);
  });

  it('keeps the newer of two near-duplicates however the verifications overlap', async () => {
    const root = mkdtempSync(join(tmpdir(), 'task-import-dup-'));
    roots.push(root);
    const repo = join(root, 'repo');
    mkdirSync(repo);
    await execa('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    const lines = Array.from({ length: 12 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    await commit(repo, 'Start', { 'package.json': '{"type":"module"}\n', 'src/a.js': '\n', 'test/a.test.js': '\n' });
    // The same lines added twice: the second change is a near-duplicate of the first (Jaccard 1).
    await commit(repo, 'Write the values once for every caller of the module', { 'src/a.js': `\n${lines}\n`, 'test/a.test.js': '\na\n' });
    await commit(repo, 'Write the values again for every caller of the module', {
      'src/a.js': `\n${lines}\n${lines}\n`,
      'test/a.test.js': '\na\na\n',
    });
    const summary = await importTasks({
      repo,
      out: join(root, 'bank'),
      max: 5,
      jobs: 2,
      limits: DEFAULT_LIMITS,
      // The older change verifies first: it still must wait for the newer one's verdict before it is kept.
      verify: async (dir) => {
        await new Promise((resolve) => setTimeout(resolve, dir.includes('again') ? 60 : 1));
        return { ok: true, solutionTotal: 1, lists: { fail_to_pass: ['t new'], pass_to_pass: [] } };
      },
    });
    expect(summary.kept.map((task) => task.id)).toEqual([expect.stringMatching(/^write-the-values-again-/)]);
    expect(summary.rejected[0]?.reason).toMatch(/^near-duplicate of [0-9a-f]{7} \(Jaccard /);
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
