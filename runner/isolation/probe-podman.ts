// Finds podman flags that run a container on this machine (--isolation podman), trying podman's defaults first.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { buildPodmanArgv, type PodmanEngine } from './build-podman-args.js';

/**
 * The variants tried, in order. Measured on a root VM without CAP_SYS_RESOURCE and with hybrid cgroups (v1 + v2):
 * crun (podman's default) fails with "crun: setrlimit RLIMIT_NOFILE: Operation not permitted" (podman asks for more
 * than the hard limit), and with --cgroups disabled, "cgroups in hybrid mode not supported". runc with the cgroupfs
 * manager works once nofile and nproc are lowered; without that it fails "error setting rlimit type 7: operation
 * not permitted" (--ulimit host too; podman lowers its own nproc to 32768, so the runner's limits do not fit either).
 */
const VARIANTS: ReadonlyArray<{ globals: string[]; runFlags: string[]; label: string }> = [
  { globals: [], runFlags: [], label: "podman's default runtime" },
  {
    globals: ['--runtime', 'runc', '--cgroup-manager', 'cgroupfs'],
    runFlags: ['--ulimit', 'nofile=4096:4096', '--ulimit', 'nproc=4096:4096'],
    label: 'runc + cgroupfs + nofile/nproc 4096',
  },
];

/** Runs `true` in a container with each variant's flags and the plan's uid: the first that works, else one line naming what failed. */
export function probePodman(runAs: { uid: number; gid: number } | null, podmanPath = 'podman'): PodmanEngine | string {
  let storage: { root: string; flags: string[] };
  try {
    storage = preparePodmanStorage();
  } catch (error) {
    return (error as Error).message;
  }
  const failures: string[] = [];
  for (const variant of VARIANTS) {
    const engine = { ...variant, globals: [...storage.flags, ...variant.globals] };
    const { file, args, cleanup } = buildPodmanArgv({
      engine,
      name: `agent-tracker-probe-${process.pid}-${Date.now()}`,
      writable: join(storage.root, 'probe'),
      hide: [],
      expose: [],
      hideAlways: [],
      shareNet: false,
      cwd: '/',
      file: 'true',
      args: [],
      envNames: [],
      runAs,
      podmanPath,
    });
    try {
      execFileSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
      return engine;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return `${podmanPath} is not installed`;
      failures.push(`${variant.label}: ${firstLine(error)}`);
      try {
        execFileSync(cleanup.file, cleanup.args, { stdio: 'ignore', timeout: 60_000 });
      } catch {
        // the failure above is what the user needs to read
      }
    }
  }
  return failures.join('; ');
}

/**
 * A storage root of our own on tmpfs (/dev/shm): the container's OCI config.json holds the environment's values
 * (API keys included), so it must never reach a disk; and the user's own containers and images stay out of reach.
 * No images are used (`--rootfs`), so the vfs driver costs nothing and needs no kernel support.
 */
export function preparePodmanStorage(base = '/dev/shm'): { root: string; flags: string[] } {
  const uid = process.getuid?.() ?? 0;
  const root = join(lstatSync(base, { throwIfNoEntry: false })?.isDirectory() ? base : tmpdir(), `agent-tracker-podman-${uid}`);
  mkdirSync(join(root, 'probe'), { recursive: true, mode: 0o700 });
  // A world-writable base: someone else could have made the folder (or a symlink) first.
  const stat = lstatSync(root);
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0)
    throw new AppError(
      'BAD_INPUT',
      `expected ${root} to be a folder of uid ${uid} with mode 700 (podman's storage), got ${stat.isDirectory() ? `uid ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}` : 'something else'}: remove it`,
      { where: '--isolation' },
    );
  return { root, flags: ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--storage-driver', 'vfs'] };
}

/** The first non-empty line of a failed command's stderr (podman's "Error: ..."), else its message. */
function firstLine(error: unknown): string {
  const line = String((error as { stderr?: Buffer }).stderr ?? '')
    .split('\n')
    .find((text) => text.trim() !== '');
  return line ?? (error as Error).message;
}
