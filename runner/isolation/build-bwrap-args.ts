// Builds the argv that runs one command inside a bubblewrap sandbox (pure: no file system, no processes).
import { isAbsolute, relative, resolve } from 'node:path';
import { OUTBOUND_RESOLV_CONF } from './outbound-network.js';

/** What one sandboxed command may see and do, whichever sandbox runs it (bwrap here, podman: build-podman-args.ts). */
export interface SandboxSpec {
  /** The arm folder: the only writable place (besides the private /tmp). */
  writable: string;
  /** Folders covered by an empty tmpfs: the user's HOME, /root, the data dir's parent. Existing folders only. */
  hide: readonly string[];
  /** Folders bound back read-only inside a hidden one: node's install prefix, the package, a CLI's install dir. */
  expose: readonly string[];
  /** Folders hidden last, after the exposures: the data dir (its ledger) and any other data dir. */
  hideAlways: readonly string[];
  /** Caches shared by the sandboxes of one import (a build cache): writable too, bound after the arm folder. */
  shared?: readonly string[] | undefined;
  /** Folders laid read-only into the arm folder (a set-up's node_modules, made once): bound after it, source at target. */
  readOnly?: ReadonlyArray<{ source: string; target: string }> | undefined;
  /** Empty writable folders over parts of those (node_modules/.cache, where tools keep what they write). */
  scratch?: readonly string[] | undefined;
  /** Folders of the arm bound writable at a second place, made inside the sandbox (never a host link it could redirect). */
  binds?: ReadonlyArray<{ source: string; target: string }> | undefined;
  /**
   * true: share the runner's network namespace (the agent reaches the proxy on 127.0.0.1); false: no network at all;
   * 'outbound': a namespace of its own whose one way out is slirp4netns, never the host's loopback (a set-up with
   * --setup-network: outbound-network.ts makes it around bwrap, podman its own).
   */
  shareNet: boolean | 'outbound';
  cwd: string;
  file: string;
  args: readonly string[];
  /** Set when the runner is root: nothing inside runs as root, it runs as this uid/gid. */
  runAs: { uid: number; gid: number } | null;
}

/**
 * Mount order is bwrap's: later mounts cover earlier ones (bwrap(1), "--bind SRC DEST", "--tmpfs DEST"), so hides
 * come first, then the read-only exposures, then the data dirs hidden again (an exposure may hold one), then the arm
 * folder read-write on top of everything. With runAs, setpriv drops to that uid before bwrap starts.
 */
export interface BwrapSpec extends SandboxSpec {
  /** Paths of the two programs; default `bwrap` and `setpriv` on PATH. */
  bwrapPath?: string;
  setprivPath?: string;
}

/** The program and arguments: `[setpriv --reuid ... --] bwrap <mounts> -- file args`. */
export function buildBwrapArgv(spec: BwrapSpec): { file: string; args: string[] } {
  const bwrap = spec.bwrapPath ?? 'bwrap';
  const mounts = [
    // --unshare-all: user, ipc, pid, net, uts, cgroup namespaces; --share-net keeps the runner's (loopback-only in the e2e)
    // network, or the outbound one made around bwrap, whose resolver is slirp4netns's (read from descriptor 3, last).
    '--die-with-parent',
    '--unshare-all',
    ...(spec.shareNet ? ['--share-net'] : []),
    '--ro-bind',
    '/',
    '/',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    ...outsideTmp(spec.hide).flatMap((dir) => ['--tmpfs', dir]),
    ...spec.expose.flatMap((dir) => ['--ro-bind', dir, dir]),
    ...[...new Set(spec.hideAlways.map((dir) => resolve(dir)))].flatMap((dir) => ['--tmpfs', dir]),
    '--bind',
    spec.writable,
    spec.writable,
    ...(spec.shared ?? []).flatMap((dir) => ['--bind', dir, dir]),
    ...(spec.readOnly ?? []).flatMap(({ source, target }) => ['--ro-bind', source, target]),
    ...(spec.scratch ?? []).flatMap((dir) => ['--tmpfs', dir]),
    ...(spec.binds ?? []).flatMap(({ source, target }) => ['--bind', source, target]),
    ...(spec.shareNet === 'outbound' ? ['--ro-bind-data', '3', '/etc/resolv.conf'] : []),
    '--chdir',
    spec.cwd,
    '--',
    spec.file,
    ...spec.args,
  ];
  const run = spec.shareNet === 'outbound' ? feedResolvConf(bwrap, mounts) : { file: bwrap, args: mounts };
  if (!spec.runAs) return run;
  const { uid, gid } = spec.runAs;
  // setpriv(1) from util-linux: a real drop (files outside are reached as this uid), unlike bwrap's --uid, which only maps the id inside a user namespace owned by root.
  return {
    file: spec.setprivPath ?? 'setpriv',
    args: [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--inh-caps=-all', '--', run.file, ...run.args],
  };
}

/**
 * bwrap with the resolver's lines on its descriptor 3 (a here-document of sh), for `--ro-bind-data 3`: no file to
 * write and remove, and opened last, after reach-through.ts's script has used and closed descriptors 3 to 9.
 */
function feedResolvConf(bwrap: string, args: string[]): { file: string; args: string[] } {
  return { file: 'sh', args: ['-c', `exec "$@" 3<<'EOF'\n${OUTBOUND_RESOLV_CONF}EOF`, 'sh', bwrap, ...args] };
}

/** The private /tmp already hides everything under /tmp. */
function outsideTmp(dirs: readonly string[]): string[] {
  return [...new Set(dirs.map((dir) => resolve(dir)))].filter((dir) => !isInside('/tmp', dir));
}

/** `child` is `parent` or below it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
