// Before the first arm: every real agent CLI the run's providers name starts inside the arms' sandbox, or no arm runs.
import { AppError } from '../kernel/index.js';
import {
  AGENT_DRIVERS,
  findCommandFile,
  findInstallDir,
  type IsolationPlan,
  type ProviderProfile,
  probeAgentCli,
} from '../runner/index.js';

export interface AgentCliCheck {
  /** How the run's arms are isolated: the CLI is started in that sandbox, with its binds and its user. */
  isolation: IsolationPlan;
  /** `--sandbox-dir`: where the probe's throwaway arm folder goes, as the arms' do. */
  sandboxDir?: string | undefined;
  /** Skip a provider whose CLI does not start (its arms stay pending) instead of refusing the run. */
  keepGoing?: boolean | undefined;
}

/**
 * Runs `<command> --version` for each provider of a real driver (once per command) where its arms will run it. A CLI
 * that answers on the host can still fail in the sandbox (a native install under a hidden HOME, a PATH folder under
 * /tmp); every arm would then fail to start, an infrastructure failure, never the provider's. So
 * the run is refused whole, exit 7, before anything is recorded; with keepGoing those providers are returned with why.
 */
export async function checkAgentClis(profiles: Map<string, ProviderProfile>, check: AgentCliCheck): Promise<Map<string, string>> {
  const skipped = new Map<string, string>();
  const answers = new Map<string, Promise<string | null>>();
  for (const [id, profile] of profiles) {
    if (profile.driver === 'scripted') continue;
    const command = profile.command ?? profile.driver;
    let answer = answers.get(command);
    if (!answer) {
      answer = findStartFailure(command, check, AGENT_DRIVERS[profile.driver].startTimeoutMs);
      answers.set(command, answer);
    }
    const failure = await answer;
    if (failure === null) continue;
    if (check.keepGoing) {
      skipped.set(id, `its ${profile.driver} CLI did not start (${failure})`);
      continue;
    }
    throw new AppError(
      'IO',
      `expected the ${profile.driver} CLI of provider ${id} to start, got: ${failure}; no arm was run (an arm whose CLI cannot start is an infrastructure failure, never the provider's); --keep-going runs the other providers`,
      { where: `provider ${id}`, kind: 'agent-cli-missing' },
    );
  }
  return skipped;
}

/** Why the command does not start where the arms run it, with the fix; null when it answers there. */
async function findStartFailure(command: string, check: AgentCliCheck, startMs: number | undefined): Promise<string | null> {
  const file = findCommandFile(command, process.env.PATH);
  if (file === null)
    return `\`${command}\` is not ${command.includes('/') ? 'an existing file' : 'on PATH'}: install it or set the profile's command`;
  const inside = await probeAgentCli(check.isolation, command, { parentDir: check.sandboxDir, startMs });
  if ('line' in inside) return null;
  if (check.isolation.mode === 'none')
    return `\`${command} --version\` failed (${inside.failure}): reinstall it or set the profile's command`;
  const host = await probeAgentCli({ ...check.isolation, mode: 'none' }, command, { startMs });
  if (!('line' in host))
    return `\`${command} --version\` failed on the host too (${inside.failure}): reinstall it or set the profile's command`;
  const who = check.isolation.runAs ? `, as uid ${check.isolation.runAs.uid}` : '';
  return `\`${command} --version\` answers on the host but not inside the arms' sandbox (${check.isolation.mode}${who}, running ${file}): ${inside.failure}. The sandbox hides HOME, /root, /tmp and this package's folder and binds back, read-only, node, this package's runtime files and the CLI's own folder (${findInstallDir(file)}): if \`${command}\` is a wrapper that starts a program elsewhere, set the profile's command to that program's file, or install the CLI outside those folders, or pass --no-isolation`;
}
