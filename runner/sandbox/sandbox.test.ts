// Real-git tests of arm sandboxes: reproducible fixture commits, committing agent work, safe removal.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaskBank } from '../task-bank/load-task-bank.js';
import { commitAgentWork, listChangedFiles } from './commit-work.js';
import { createSandbox, removeSandbox } from './create-sandbox.js';

const BANK = fileURLToPath(new URL('../../task-bank', import.meta.url));
const TASKS = loadTaskBank(BANK).filter((t) => ['duration-parser', 'slugify-unicode'].includes(t.meta.id));
const parent = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const git = async (cwd: string, args: string[]) =>
  String((await execa('git', args, { cwd, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } })).stdout);

describe('createSandbox', () => {
  it('uses two real tasks', () => expect(TASKS.map((t) => t.meta.id)).toEqual(['duration-parser', 'slugify-unicode']));

  it.each(TASKS.map((t) => [t.meta.id, t] as const))('%s: one fixture commit with the same sha every time', async (id, task) => {
    const a = await createSandbox({ fixtureDir: task.fixture, taskId: id, parentDir: parent });
    const b = await createSandbox({ fixtureDir: task.fixture, taskId: id, parentDir: parent });
    expect(a.commitStart).toMatch(/^[0-9a-f]{40}$/);
    expect(b.commitStart).toBe(a.commitStart);
    expect(a.root).not.toBe(b.root);
    expect(basename(a.root)).toMatch(/^agent-tracker-arm-[A-Za-z0-9]{6}$/);
    expect(a.workDir).toBe(join(a.root, 'work'));
    expect(readdirSync(a.homeDir)).toEqual([]);
    expect(readdirSync(a.workDir).sort()).toEqual(['.git', ...readdirSync(task.fixture)].sort());
    expect((await git(a.workDir, ['log', '--format=%H %an <%ae> %s'])).split('\n')).toEqual([
      `${a.commitStart} agent-tracker runner <runner@agent-tracker.invalid> fixture: ${id}`,
    ]);
    expect(await git(a.workDir, ['status', '--porcelain'])).toBe('');
    expect(await git(a.workDir, ['branch', '--show-current'])).toBe('main');
  });

  it('refuses a symlink in the fixture and leaves no arm folder behind', async () => {
    const fixture = mkdtempSync(join(parent, 'fixture-'));
    mkdirSync(join(fixture, 'src'));
    writeFileSync(join(fixture, 'src', 'a.js'), 'export {};\n');
    symlinkSync('/etc/passwd', join(fixture, 'src', 'leak'));
    const before = readdirSync(parent).length;
    await expect(createSandbox({ fixtureDir: fixture, taskId: 'leaky', parentDir: parent })).rejects.toThrow(
      /expected only plain files and folders, got a symlink/,
    );
    expect(readdirSync(parent).length).toBe(before);
  });
});

describe('commitAgentWork', () => {
  const task = TASKS[0]!;

  it("commits a dirty tree on top of the agent's own commits, with a reproducible sha", async () => {
    const runOnce = async () => {
      const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
      writeFileSync(join(box.workDir, 'NOTES.md'), 'agent notes\n');
      await git(box.workDir, ['add', 'NOTES.md']);
      await git(box.workDir, ['-c', 'user.name=Agent', '-c', 'user.email=a@b.c', 'commit', '-qm', 'agent commit']);
      writeFileSync(join(box.workDir, 'staged.js'), 'export const a = 1;\n');
      await git(box.workDir, ['add', 'staged.js']);
      writeFileSync(join(box.workDir, 'staged.js'), 'export const a = 2;\n'); // index and tree now differ
      writeFileSync(join(box.workDir, 'untracked.js'), 'export {};\n');
      rmSync(join(box.workDir, 'package.json'));
      const end = await commitAgentWork(box.workDir, 'agent work');
      return { box, end };
    };
    const { box, end } = await runOnce();
    expect(end).toMatch(/^[0-9a-f]{40}$/);
    expect(await git(box.workDir, ['rev-parse', 'HEAD'])).toBe(end);
    expect(await git(box.workDir, ['status', '--porcelain'])).toBe('');
    expect(await git(box.workDir, ['show', `${end}:staged.js`])).toBe('export const a = 2;');
    expect((await git(box.workDir, ['log', '--format=%s'])).split('\n')).toEqual([
      'agent work',
      'agent commit',
      `fixture: ${task.meta.id}`,
    ]);
    expect(await listChangedFiles(box.workDir, box.commitStart, end)).toEqual(['NOTES.md', 'package.json', 'staged.js', 'untracked.js']);
    // The agent's own commit has its own dates, so only a run without one is byte-for-byte reproducible:
    const quiet = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    const again = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    for (const b of [quiet, again]) writeFileSync(join(b.workDir, 'x.js'), 'x\n');
    expect(await commitAgentWork(quiet.workDir, 'agent work')).toBe(await commitAgentWork(again.workDir, 'agent work'));
  });

  it("commits an untouched tree as an empty commit, ignoring the agent's hooks", async () => {
    const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    writeFileSync(join(box.workDir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const end = await commitAgentWork(box.workDir, 'nothing done');
    expect(end).not.toBe(box.commitStart);
    expect(await listChangedFiles(box.workDir, box.commitStart, end)).toEqual([]);
  });

  it("puts the runner's .git/config back, so a clean filter the agent defined never runs as the runner", async () => {
    const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    const marker = join(parent, `filter-ran-${basename(box.root)}`);
    appendFileSync(join(box.workDir, '.git', 'config'), `[filter "evil"]\n\tclean = touch ${marker}; cat\n`);
    writeFileSync(join(box.workDir, '.gitattributes'), '* filter=evil\n');
    writeFileSync(join(box.workDir, 'x.js'), 'x\n');
    await commitAgentWork(box.workDir, 'agent work');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a folder that is not a git repo', async () => {
    const plain = mkdtempSync(join(parent, 'plain-'));
    await expect(commitAgentWork(plain, 'x')).rejects.toThrow(/expected a git repo with a HEAD commit/);
  });
});

describe('removeSandbox', () => {
  it('removes an arm folder', async () => {
    const box = await createSandbox({ fixtureDir: TASKS[0]!.fixture, taskId: 'x', parentDir: parent });
    removeSandbox(box.root);
    expect(existsSync(box.root)).toBe(false);
  });

  it.each(['/tmp', '/', parent, join(parent, 'agent-tracker-arm-'), join(parent, 'agent-tracker-arm-abc/../..')])('refuses %s', (path) => {
    expect(() => removeSandbox(path)).toThrow(/expected an agent-tracker-arm-XXXXXX sandbox folder/);
    expect(existsSync(parent)).toBe(true);
  });

  it('refuses a symlink named like an arm folder', () => {
    const link = join(parent, 'agent-tracker-arm-link00');
    symlinkSync(parent, link);
    expect(() => removeSandbox(link)).toThrow(/got a symlink/);
    expect(existsSync(parent)).toBe(true);
  });
});
