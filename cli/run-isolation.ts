// `experiment run --isolation`: the flag checked, then the isolation probed before anything starts (runner/isolation).
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AppError } from '../kernel/index.js';
import {
  ISOLATION_MODES,
  type IsolationMode,
  type IsolationPlan,
  checkPodmanExposures,
  checkReachable,
  describeDataDirSearch,
  resolveIsolation,
  type ProviderProfile,
  findSecondSubscription,
} from '../runner/index.js';
import { resolveTaskBankDir } from './resolve-task-bank.js';

/** What the isolation is resolved from: the run's profiles, its --isolation and its --sandbox-dir. */
export interface IsolationSetup {
  profiles: Map<string, ProviderProfile>;
  isolationFlag: { mode: IsolationMode; optOut: boolean };
  sandboxDir: string | undefined;
  /** The run's task banks (the built-in one when --tasks was not given). */
  tasksDirs?: readonly string[] | undefined;
  /** `--setup-network`: slirp4netns must be there (a set-up's outbound-only network). */
  setupNetwork?: boolean | undefined;
}

/** `--isolation MODE` as given, or `--no-isolation` (commander passes false): the mode, and whether the user opted out. */
export function readIsolationFlag(value: string | false | undefined): { mode: IsolationMode; optOut: boolean } {
  if (value === false) return { mode: 'none', optOut: true };
  const mode = value ?? 'auto';
  if (mode === 'docker')
    throw new AppError(
      'BAD_USAGE',
      'expected --isolation auto, bwrap, podman or none, got "docker": docker runs images only (it has no --rootfs to run the host\'s own system), so the podman arguments do not carry over; use --isolation podman',
      { where: '--isolation' },
    );
  if (!(ISOLATION_MODES as readonly string[]).includes(mode))
    throw new AppError('BAD_USAGE', `expected --isolation ${ISOLATION_MODES.join(', ')}, got ${JSON.stringify(mode)}`, {
      where: '--isolation',
    });
  return { mode: mode as IsolationMode, optOut: false };
}

/**
 * Probes bubblewrap (auto, bwrap) and refuses code the user did not write unisolated without --no-isolation
 * (runner/isolation). A sandbox dir below a folder closed to the sandbox's uid is reached through a private mount
 * under bwrap (runner/isolation/wrap-command.ts); podman cannot, and is refused before anything starts.
 */
export function resolveRunIsolation(setup: IsolationSetup, dataDir: string): IsolationPlan {
  const profiles = [...setup.profiles.values()];
  const plan = resolveIsolation({
    ...setup.isolationFlag,
    drivers: profiles.map((profile) => profile.driver),
    commands: profiles.filter((profile) => profile.driver !== 'scripted').map((profile) => profile.command ?? profile.driver),
    dataDir,
    env: process.env,
    ownCodeOnly: isOwnCodeOnly(setup, profiles),
    setupNetwork: setup.setupNetwork === true,
  });
  const searchNote = describeDataDirSearch(plan);
  if (searchNote !== null) process.stderr.write(`${searchNote}\n`);
  if (plan.mode === 'podman') {
    checkPodmanExposures(plan);
    if (plan.runAs) checkReachable(setup.sandboxDir ?? tmpdir(), plan.runAs.uid); // throws, naming --sandbox-dir and the folder
  }
  return plan;
}

/** The built-in bank, run by the built-in scripted agent against the scripted model server (sub-agents too). */
function isOwnCodeOnly(setup: IsolationSetup, profiles: ProviderProfile[]): boolean {
  const dirs = setup.tasksDirs ?? [];
  if (dirs.length === 0 || !dirs.every((dir) => isSameFolder(dir, resolveTaskBankDir(undefined)))) return false;
  return profiles.every(
    (profile) =>
      profile.driver === 'scripted' &&
      profile.upstream === 'scripted' &&
      (findSecondSubscription(profile)?.upstream ?? 'scripted') === 'scripted',
  );
}

function isSameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
