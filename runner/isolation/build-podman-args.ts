// Builds the argv that runs one command in a podman container over the host's root (pure: no file system, no processes).
import { resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { isInside, type SandboxSpec } from './build-bwrap-args.js';

/** The podman flags the probe found to work on this machine (probe-podman.ts). */
export interface PodmanEngine {
  /** Global flags, before `run` and `rm`: the private storage (`--root`, `--runroot`), `--storage-driver`, a runtime. */
  globals: string[];
  /** Flags of `run` this machine needs (lowered `--ulimit`s). */
  runFlags: string[];
  /** Says in words which variant works, for the methodology. */
  label: string;
}

/** runAs null: rootless podman keeps the runner's own uid (`--userns keep-id`); shareNet true: the host's network, as bwrap's --share-net. */
export interface PodmanSpec extends SandboxSpec {
  engine: PodmanEngine;
  /** The container's name: `podman rm -f` finds it by this name when the runner could not wait for it. */
  name: string;
  /** Names of the variables the command gets; their values come from podman's own environment, never its argv. */
  envNames: readonly string[];
  podmanPath?: string;
}

export interface PodmanArgv {
  file: string;
  args: string[];
  /** Removes the container (killing what still runs in it): conmon keeps it alive after a SIGKILL of `podman run`. */
  cleanup: { file: string; args: string[] };
}

// tmpfs with podman's default copy-up would copy the host folder's content in (/tmp took 76 s here, then failed on a socket).
const TMPFS = 'rw,nosuid,nodev,notmpcopyup';

/** `podman <globals> run --rm ... --rootfs /:O file args`, and the `podman rm -f` that cleans up after it. */
export function buildPodmanArgv(spec: PodmanSpec): PodmanArgv {
  const podman = spec.podmanPath ?? 'podman';
  for (const name of spec.envNames)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new AppError('BAD_INPUT', `expected environment variable names for podman --env, got ${JSON.stringify(name)}`);
  const args = [
    ...spec.engine.globals,
    'run',
    '--rm',
    '--name',
    spec.name,
    // catatonit as pid 1: it forwards the SIGTERM podman proxies (a bare pid 1 ignores signals it has no handler for).
    '--init',
    '--network',
    // podman's own slirp4netns for a set-up with network; 10.0.2.2 is then no way to the host's loopback either.
    spec.shareNet === 'outbound' ? 'slirp4netns:allow_host_loopback=false' : spec.shareNet ? 'host' : 'none',
    ...spec.engine.runFlags,
    ...(spec.runAs ? ['--user', `${spec.runAs.uid}:${spec.runAs.gid}`] : ['--userns', 'keep-id']),
    '--cap-drop',
    'all',
    '--security-opt',
    'no-new-privileges',
    // The host's root as an overlay, read-only; no tmpfs on /run, /var/tmp (podman's --read-only-tmpfs default).
    '--read-only',
    '--read-only-tmpfs=false',
    // Only the named variables: podman's defaults (container=podman, TERM, its PATH) are dropped.
    '--unsetenv-all',
    ...spec.envNames.flatMap((name) => ['--env', name]),
    ...listMounts(spec).flatMap(([kind, dir]) => mountFlags(kind, dir)),
    // After the arm folder: podman mounts parents before children, so these land inside it.
    ...(spec.readOnly ?? []).flatMap(({ source, target }) => ['--volume', `${checkPath(source)}:${checkPath(target)}:ro`]),
    // Writable by the container's user, whoever it is (a hide's tmpfs is root's, mode 755).
    ...(spec.scratch ?? []).flatMap((dir) => ['--tmpfs', `${checkPath(dir)}:${TMPFS},mode=1777`]),
    ...(spec.binds ?? []).flatMap(({ source, target }) => ['--volume', `${checkPath(source)}:${checkPath(target)}`]),
    '--workdir',
    spec.cwd,
    // `/` alone fails under runc here (a cgroup mount); the overlay (:O) works and shows only the root file system.
    '--rootfs',
    '/:O',
    spec.file,
    ...spec.args,
  ];
  return {
    file: podman,
    args,
    cleanup: { file: podman, args: [...spec.engine.globals, 'rm', '--force', '--ignore', '--time', '0', spec.name] },
  };
}

type MountKind = 'tmp' | 'hide' | 'expose' | 'bind';

/**
 * One mount per destination (podman refuses a duplicate), the later kind winning as in bwrap's order: /tmp, hides,
 * exposures, data dirs, the arm folder. Podman mounts parents before children, so a deeper exposure shows through a hide.
 */
export function listMounts(spec: Pick<PodmanSpec, 'writable' | 'hide' | 'expose' | 'hideAlways' | 'shared'>): Array<[MountKind, string]> {
  const mounts = new Map<string, MountKind>([['/tmp', 'tmp']]);
  for (const dir of spec.hide) if (!isInside('/tmp', dir)) mounts.set(resolve(dir), 'hide');
  for (const dir of spec.expose) mounts.set(resolve(dir), 'expose');
  for (const dir of spec.hideAlways) mounts.set(resolve(dir), 'hide');
  mounts.set(resolve(spec.writable), 'bind');
  for (const dir of spec.shared ?? []) mounts.set(resolve(dir), 'bind');
  return [...mounts].map(([dir, kind]) => [kind, dir]);
}

function checkPath(dir: string): string {
  // -v splits on ':' and its options on ','; such a path would mount something else.
  if (/[:,]/.test(dir)) throw new AppError('BAD_INPUT', `expected a folder without ':' or ',' for podman's mounts, got ${dir}`);
  return dir;
}

function mountFlags(kind: MountKind, dir: string): string[] {
  checkPath(dir);
  if (kind === 'tmp') return ['--tmpfs', `/tmp:${TMPFS},exec,mode=1777`];
  if (kind === 'hide') return ['--tmpfs', `${dir}:${TMPFS},mode=755`];
  return ['--volume', `${dir}:${dir}:${kind === 'expose' ? 'ro' : 'rw'}`];
}
