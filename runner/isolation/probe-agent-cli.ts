// Starts an agent CLI (`--version`) inside the sandbox its arms will use: the same binds, user, PATH and file.
import { readRunnerPath } from '../drivers/launch-env.js';
import { runForFirstLine } from '../drivers/read-version.js';
import { createEmptySandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import type { IsolationPlan } from './resolve-isolation.js';
import { handOverSandbox, wrapCommand } from './wrap-command.js';

/** bwrap, a uid drop and a CLI's start on a loaded machine: generous, as the bwrap probe is. */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * What `<command> --version` printed first inside an empty arm folder (under `parentDir`, the run's --sandbox-dir),
 * else why it did not start there. A CLI that answers on the host can still fail inside: a sandbox hides HOME, /root
 * and /tmp, where native installs and PATH folders often are.
 */
export async function probeAgentCli(
  plan: IsolationPlan,
  command: string,
  options: { parentDir?: string | undefined; startMs?: number | undefined } = {},
): Promise<{ line: string } | { failure: string }> {
  // A CLI that declares a slow start-up (Gemini's) gets that, and the sandbox's own start on top.
  const timeoutMs = PROBE_TIMEOUT_MS + (options.startMs ?? 0);
  if (plan.mode === 'none') return runForFirstLine({ file: command, args: ['--version'] }, timeoutMs);
  const folder = createEmptySandbox(options.parentDir);
  try {
    handOverSandbox(plan, folder.root);
    const env = { PATH: readRunnerPath(), HOME: folder.homeDir };
    const run = wrapCommand(
      plan,
      { file: command, args: ['--version'], env, cwd: folder.workDir },
      { writable: folder.root, shareNet: true },
    );
    return await runForFirstLine(run, timeoutMs);
  } finally {
    removeSandbox(folder.root);
  }
}
