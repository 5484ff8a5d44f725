// Starts bwrap for an arm folder (or an exposure) below a folder the sandbox's uid cannot search: through a private mount.
import { dirname, resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { isInside } from './build-bwrap-args.js';

/**
 * An arm folder below a folder uid 65534 cannot search (a 0700 `mktemp -d`): in a private mount namespace of the
 * root runner (`unshare --mount --propagation private`, nothing reaches the host's mounts), an empty tmpfs (mode
 * 0755) covers the closed folder, the arm folder is bound back at its own path, and only then does setpriv drop to
 * 65534 and start bwrap. The closed folder's other files stay hidden; the arm folder keeps its path. The bind's
 * source is the folder opened before the tmpfs covers it (`/proc/self/fd/3`, with `--no-canonicalize`, else mount(8)
 * resolves the link to the path, which then names the empty tmpfs). bwrap's own `--bind-fd` resolves that path as
 * the dropped uid and fails (bubblewrap 0.8.0, measured: "Can't find source path /proc/self/fd/3: Permission denied").
 */
export function reachThrough(
  pairs: ReadonlyArray<{ closed: string; target: string }>,
  runAs: { uid: number; gid: number },
  run: { file: string; args: string[] },
): { file: string; args: string[] } {
  // sh's arguments: the uid, the gid, the targets, the closed folders, then the command. Every target is opened (fd
  // 3, 4, ...) before any tmpfs covers its closed folder; each closed folder then gets an empty tmpfs owned by the
  // sandbox's uid (so bwrap can make its own mount points there), and each target is bound back at its own path.
  const closed = [...new Set(pairs.map((pair) => pair.closed))];
  // dash takes single-digit descriptors only (3 to 9) in a redirection.
  if (pairs.length > 7) throw new AppError('BAD_INPUT', `expected at most 7 folders to reach through closed parents, got ${pairs.length}`);
  const target = (i: number): string => `"\${${3 + i}}"`;
  const opens = pairs.map((_, i) => `exec ${3 + i}<${target(i)}`);
  const covers = closed.map((_, k) => `mount -t tmpfs -o "mode=0755,uid=$1,gid=$2" agent-tracker "\${${3 + pairs.length + k}}"`);
  const binds = pairs.map(
    (_, i) => `mkdir -p ${target(i)} && mount --no-canonicalize --bind /proc/self/fd/${3 + i} ${target(i)} && exec ${3 + i}<&-`,
  );
  const script = [...opens, ...covers, ...binds, `shift ${2 + pairs.length + closed.length}`, 'exec "$@"'].join(' && ');
  const ids = [String(runAs.uid), String(runAs.gid)];
  const args = [...ids, ...pairs.map((pair) => pair.target), ...closed, run.file, ...run.args];
  return { file: 'unshare', args: ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', ...args] };
}

/**
 * Targets behind the same closed folder that share a folder below it which bwrap hides anyway (the package's runtime
 * files in its folder under a 0700 /root) are reached as that one folder: fewer descriptors, and bwrap's tmpfs over it
 * still leaves only the targets visible. Never a folder bwrap would show whole (it would widen what the sandbox sees).
 */
export function mergePairs(
  pairs: ReadonlyArray<{ closed: string; target: string }>,
  hidden: readonly string[],
): Array<{ closed: string; target: string }> {
  const merged: Array<{ closed: string; target: string }> = [];
  for (const pair of pairs) {
    const at = merged.findIndex((kept) => {
      const common = findCommonFolder(kept.target, pair.target);
      return kept.closed === pair.closed && common !== pair.closed && hidden.some((dir) => isInside(dir, common));
    });
    const kept = merged[at];
    if (kept) merged[at] = { closed: kept.closed, target: findCommonFolder(kept.target, pair.target) };
    else merged.push({ ...pair });
  }
  return merged;
}

function findCommonFolder(a: string, b: string): string {
  let common = resolve(a);
  while (!isInside(common, b)) common = dirname(common);
  return common;
}
