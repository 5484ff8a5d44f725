// Creates and removes the throwaway folder of one experiment arm: a git repo of the task fixture and an empty HOME.
import { lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { copyTreeWithoutSymlinks } from './copy-tree.js';
import { RUNNER_GIT_CONFIG } from './run-git.js';
import { runGitScript } from './run-git-script.js';
import { removeOwnerMark, writeOwnerMark } from './sandbox-owner.js';

export interface Sandbox {
  /** The arm's folder, `agent-tracker-arm-XXXXXX`. */
  root: string;
  /** `root/work`: the git repo the agent works in. */
  workDir: string;
  /** `root/home`: an empty HOME for the agent. */
  homeDir: string;
  /** The sha of the fixture commit. */
  commitStart: string;
}

export interface CreateSandboxOptions {
  fixtureDir: string;
  taskId: string;
  /** Where the arm folder goes; os.tmpdir() when omitted. */
  parentDir?: string;
  /** A kept sandbox (--keep-sandboxes) gets no owner mark: no later run sweeps it (sweep-sandboxes.ts). */
  keep?: boolean;
}

const PREFIX = 'agent-tracker-arm-';
/** mkdtemp appends exactly six characters, so every arm folder name has the same length. */
const ARM_FOLDER = /^agent-tracker-arm-[A-Za-z0-9]{6}$/;

/**
 * Copies the fixture into a fresh git repo and commits it as "fixture: <taskId>".
 * The commit's identity and dates are fixed (see run-git.ts), so the same fixture always gives the same
 * commitStart sha: reproducible shas let two runs of one plan be compared.
 */
export async function createSandbox(options: CreateSandboxOptions): Promise<Sandbox> {
  const root = makeArmFolder(options.parentDir, options.keep === true);
  const workDir = join(root, 'work');
  const homeDir = join(root, 'home');
  try {
    copyTreeWithoutSymlinks(options.fixtureDir, workDir);
    mkdirSync(homeDir);
    // One process for the four steps (run-git-script.ts); the config is the identity an agent's own commits get (its
    // HOME has no git config), written between init and add.
    const { lines, failure } = await runGitScript(workDir, FIXTURE_STEPS, [RUNNER_GIT_CONFIG, `fixture: ${options.taskId}`]);
    if (failure) throw failure;
    const commitStart = lines[0] ?? '';
    if (!/^[0-9a-f]{40}$/.test(commitStart))
      throw new AppError('IO', `expected git rev-parse to print a sha, got ${JSON.stringify(commitStart.slice(0, 80))}`, {
        where: workDir,
      });
    return { root, workDir, homeDir, commitStart };
  } catch (error) {
    removeSandbox(root);
    throw error;
  }
}

/**
 * The arm folder and, at once, its owner mark: a run killed from here on (even during the fixture's git commit) leaves
 * a folder the next run can tell is its leftover.
 */
function makeArmFolder(parentDir: string | undefined, keep: boolean): string {
  const parent = resolve(parentDir ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, PREFIX));
  if (!keep) writeOwnerMark(root);
  return root;
}

/** init, the runner's config, add, the fixture commit and its sha: the arm repo in one process. */
const FIXTURE_STEPS = [
  'config=$1; message=$2; shift 2',
  'step init; git "$@" init -q -b main',
  'printf \'%s\' "$config" > .git/config',
  'step add; git "$@" add -A',
  'step commit; git "$@" commit -q --allow-empty --no-verify -m "$message"',
  'step rev-parse; git "$@" rev-parse HEAD',
].join('\n');

/** An arm folder with an empty work/ and home/ (no repo): where a pre-flight starts a CLI as its arms will. */
export function createEmptySandbox(parentDir?: string): Omit<Sandbox, 'commitStart'> {
  const root = makeArmFolder(parentDir, false);
  mkdirSync(join(root, 'work'));
  mkdirSync(join(root, 'home'));
  return { root, workDir: join(root, 'work'), homeDir: join(root, 'home') };
}

/**
 * Deletes an arm folder, then its owner mark. Refuses anything that is not a real `agent-tracker-arm-XXXXXX` folder, so
 * a bad path cannot wipe a tree. Returns whether there was a folder.
 */
export function removeSandbox(root: string): boolean {
  const path = resolve(root);
  if (!ARM_FOLDER.test(basename(path))) {
    throw new AppError('BAD_INPUT', `expected an ${PREFIX}XXXXXX sandbox folder, got "${basename(path) || path}"`, { where: root });
  }
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory())
    throw new AppError('BAD_INPUT', `expected a sandbox folder, got ${stat.isSymbolicLink() ? 'a symlink' : 'a file'}`, { where: root });
  if (stat) rmSync(path, { recursive: true, force: true });
  removeOwnerMark(path);
  return stat !== undefined;
}
