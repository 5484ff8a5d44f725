// Creates and removes the throwaway folder of one experiment arm: a git repo of the task fixture and an empty HOME.
import { lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { copyTreeWithoutSymlinks } from './copy-tree.js';
import { RUNNER_GIT_CONFIG, runGit } from './run-git.js';

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
  const parent = resolve(options.parentDir ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, PREFIX));
  const workDir = join(root, 'work');
  const homeDir = join(root, 'home');
  try {
    copyTreeWithoutSymlinks(options.fixtureDir, workDir);
    mkdirSync(homeDir);
    await runGit(workDir, ['init', '-q', '-b', 'main']);
    // The identity an agent's own commits get (its HOME has no git config); written directly: three `git config` runs cost ~30 ms.
    writeFileSync(join(workDir, '.git', 'config'), RUNNER_GIT_CONFIG);
    await runGit(workDir, ['add', '-A']);
    await runGit(workDir, ['commit', '-q', '--allow-empty', '--no-verify', '-m', `fixture: ${options.taskId}`]);
    const commitStart = await runGit(workDir, ['rev-parse', 'HEAD']);
    return { root, workDir, homeDir, commitStart };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** An arm folder with an empty work/ and home/ (no repo): where a pre-flight starts a CLI as its arms will. */
export function createEmptySandbox(parentDir?: string): Omit<Sandbox, 'commitStart'> {
  const parent = resolve(parentDir ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, PREFIX));
  mkdirSync(join(root, 'work'));
  mkdirSync(join(root, 'home'));
  return { root, workDir: join(root, 'work'), homeDir: join(root, 'home') };
}

/** Deletes an arm folder. Refuses anything that is not a real `agent-tracker-arm-XXXXXX` folder, so a bad path cannot wipe a tree. */
export function removeSandbox(root: string): void {
  const path = resolve(root);
  if (!ARM_FOLDER.test(basename(path))) {
    throw new AppError('BAD_INPUT', `expected an ${PREFIX}XXXXXX sandbox folder, got "${basename(path) || path}"`, { where: root });
  }
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory())
    throw new AppError('BAD_INPUT', `expected a sandbox folder, got ${stat.isSymbolicLink() ? 'a symlink' : 'a file'}`, { where: root });
  rmSync(path, { recursive: true, force: true });
}
