// `experiment run --isolation`: the flag checked, then the isolation probed before anything starts (runner/isolation).
import { tmpdir } from 'node:os';
import { AppError } from '../kernel/index.js';
import {
  ISOLATION_MODES,
  type IsolationMode,
  type IsolationPlan,
  checkPodmanExposures,
  checkReachable,
  findUnreachable,
  resolveIsolation,
  type ProviderProfile,
} from '../runner/index.js';

/** What the isolation is resolved from: the run's profiles, its --isolation and its --sandbox-dir. */
export interface IsolationSetup {
  profiles: Map<string, ProviderProfile>;
  isolationFlag: { mode: IsolationMode; optOut: boolean };
  sandboxDir: string | undefined;
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

/** Probes bubblewrap (auto, bwrap) and refuses real CLIs unisolated without --no-isolation (runner/isolation). */
export function resolveRunIsolation(setup: IsolationSetup, dataDir: string): IsolationPlan {
  const profiles = [...setup.profiles.values()];
  const plan = resolveIsolation({
    ...setup.isolationFlag,
    drivers: profiles.map((profile) => profile.driver),
    commands: profiles.filter((profile) => profile.driver !== 'scripted').map((profile) => profile.command ?? profile.driver),
    dataDir,
    env: process.env,
  });
  if (plan.mode === 'podman') checkPodmanExposures(plan);
  // Checked before anything starts: bwrap, started as the unprivileged uid, must reach the arm folders.
  const blocked = plan.runAs ? findUnreachable(setup.sandboxDir ?? tmpdir(), plan.runAs.uid) : null;
  if (!blocked) return plan;
  const scriptedOnly = profiles.every((profile) => profile.driver === 'scripted');
  // auto means "bwrap when it works": the scripted agent may run unisolated (and says so), a real CLI never.
  if (setup.isolationFlag.mode === 'auto' && scriptedOnly)
    return {
      ...plan,
      mode: 'none',
      runAs: null,
      note: `bubblewrap cannot reach the sandbox dir as uid ${plan.runAs?.uid} (${blocked}): the scripted agent and hidden tests ran on the host as the runner's user`,
    };
  checkReachable(setup.sandboxDir ?? tmpdir(), plan.runAs?.uid ?? 0); // throws, naming --sandbox-dir and the folder
  return plan;
}
