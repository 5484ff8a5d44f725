// Links planted in an arm folder by sandboxed code never carry the runner's own writes, reads or removals outside it.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { allowSkip, isAppError } from '../../kernel/index.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { handOverSandbox } from '../isolation/wrap-command.js';
import { loadTaskBank } from '../task-bank/load-task-bank.js';
import { restoreTaskSetup } from '../task-bank/task-setup.js';
import { commitAgentWork, listChangedFiles, restoreRunnerGitConfig } from './commit-work.js';
import { createSandbox, type Sandbox } from './create-sandbox.js';
import { runGit } from './run-git.js';
import { SANDBOX_TAMPERED } from './sandbox-paths.js';

const BANK = fileURLToPath(new URL('../../task-bank', import.meta.url));
const task = loadTaskBank(BANK).find((t) => t.meta.id === 'duration-parser');
if (!task) throw new Error('the built-in bank lost duration-parser');
// Searchable by uid 65534 (a mkdtemp folder is 0700), as a confined git needs; the victims sit beside the arm folders.
const parent = mkdtempSync(join(tmpdir(), 'planted-links-'));
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const VICTIM_TEXT = 'root-only secret, never to be rewritten\n';
let victimDir: string;
let victimFile: string;
let box: Sandbox;

beforeEach(async () => {
  victimDir = mkdtempSync(join(parent, 'victim-'));
  victimFile = join(victimDir, 'secret.conf');
  writeFileSync(victimFile, VICTIM_TEXT, { mode: 0o600 });
  box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
  writeFileSync(join(box.workDir, 'src-change.js'), 'export const changed = true;\n');
});

function expectVictimUntouched(): void {
  expect(readFileSync(victimFile, 'utf8')).toBe(VICTIM_TEXT);
  expect(lstatSync(victimFile).mode & 0o777).toBe(0o600);
  expect(readdirSync(victimDir)).toEqual(['secret.conf']);
}

async function expectTampered(promise: Promise<unknown> | (() => unknown)): Promise<void> {
  const run = typeof promise === 'function' ? Promise.resolve().then(promise) : promise;
  const error = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isAppError(error, SANDBOX_TAMPERED), String(error)).toBe(true);
}

describe('the runner as its own user, after sandboxed code had the arm folder', () => {
  it('.git/config linked to a root-only file: the link is replaced, the file is not written', async () => {
    rmSync(join(box.workDir, '.git', 'config'));
    symlinkSync(victimFile, join(box.workDir, '.git', 'config'));
    const end = await commitAgentWork(box.workDir, 'agent work');
    expect(await listChangedFiles(box.workDir, box.commitStart, end)).toEqual(['src-change.js']);
    expect(lstatSync(join(box.workDir, '.git', 'config')).isFile()).toBe(true);
    symlinkSync(victimFile, join(box.workDir, '.git', 'config.next'));
    renameSync(join(box.workDir, '.git', 'config.next'), join(box.workDir, '.git', 'config'));
    restoreRunnerGitConfig(box.workDir); // the second write, after the hidden tests
    expectVictimUntouched();
  });

  it('the work folder swapped for a link to a host repo: refused before any write or git run', async () => {
    const hostRepo = join(victimDir, 'repo');
    mkdirSync(join(hostRepo, '.git'), { recursive: true });
    writeFileSync(join(hostRepo, '.git', 'config'), VICTIM_TEXT);
    renameSync(box.workDir, join(box.root, 'work-moved'));
    symlinkSync(hostRepo, box.workDir);
    await expectTampered(commitAgentWork(box.workDir, 'agent work'));
    await expectTampered(() => restoreRunnerGitConfig(box.workDir));
    await expectTampered(() => restoreTaskSetup(task.fixture, task.fixture, box.workDir));
    expect(readFileSync(join(hostRepo, '.git', 'config'), 'utf8')).toBe(VICTIM_TEXT);
  });

  it('.git swapped for a link: refused', async () => {
    rmSync(join(box.workDir, '.git'), { recursive: true });
    symlinkSync(victimDir, join(box.workDir, '.git'));
    await expectTampered(commitAgentWork(box.workDir, 'agent work'));
    expectVictimUntouched();
  });
});

const isRoot = process.getuid?.() === 0;
const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const bwrapError = isRoot ? allowSkip(probeBwrap(plan)) : 'needs a root runner (the sandbox drops to uid 65534)';

describe.skipIf(bwrapError !== null)(`the runner's git inside the isolation${bwrapError ? ` (skipped: ${bwrapError})` : ''}`, () => {
  it("a .git/objects/<xx> folder linked to a host folder: root's git writes the object there, the confined git cannot", async () => {
    // The fan-out folder of the blob the runner's `git add` will write (content and so sha known to the planter).
    const blob = (await runGit(box.workDir, ['hash-object', 'src-change.js'])).trim();
    const fanOut = join(box.workDir, '.git', 'objects', blob.slice(0, 2));
    rmSync(fanOut, { recursive: true, force: true });
    symlinkSync(victimDir, fanOut);
    chmodSync(victimDir, 0o755); // uid 65534 may look there, not write
    const twin = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    writeFileSync(join(twin.workDir, 'src-change.js'), 'export const changed = true;\n');
    const twinFanOut = join(twin.workDir, '.git', 'objects', blob.slice(0, 2));
    rmSync(twinFanOut, { recursive: true, force: true });
    const control = mkdtempSync(join(parent, 'control-'));
    symlinkSync(control, twinFanOut);
    await commitAgentWork(twin.workDir, 'agent work'); // unconfined, as f9e718a ran it: the write lands outside
    expect(readdirSync(control)).toEqual([blob.slice(2)]);
    handOverSandbox(plan, box.root);
    await expect(commitAgentWork(box.workDir, 'agent work', { isolation: plan, writable: box.root })).rejects.toThrow(/expected git add/);
    expectVictimUntouched();
  });

  it('an untampered repo commits the same sha confined as unconfined', async () => {
    const twin = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    writeFileSync(join(twin.workDir, 'src-change.js'), 'export const changed = true;\n');
    handOverSandbox(plan, box.root);
    const confine = { isolation: plan, writable: box.root };
    const confined = await commitAgentWork(box.workDir, 'agent work', confine);
    expect(confined).toBe(await commitAgentWork(twin.workDir, 'agent work'));
    expect(await listChangedFiles(box.workDir, box.commitStart, confined, confine)).toEqual(['src-change.js']);
    expect(lstatSync(join(box.workDir, '.git', 'index')).uid).toBe(65534); // written by the sandbox's user, not root
  });
});
