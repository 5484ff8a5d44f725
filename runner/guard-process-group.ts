// A watchdog per agent or test process group: if the runner dies without cleaning up (SIGKILL, OOM), it kills the group.
import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The watchdog is a detached `sh` loop, in a group of its own so the kill it sends cannot reach itself. Every
 * half second it checks that the runner is still its parent (a dead runner's children are re-parented; a
 * `kill -0` on the runner's pid would still succeed on its zombie) and that the group still exists. Once the
 * runner is gone it sends SIGKILL to the group; once the group is gone it just exits. SIGTERM and SIGINT are
 * handled by the runner itself (stop-run-on-signal), so this only matters when the runner could not act.
 * No `--` before the negative group id: dash's kill builtin (Debian's sh) refuses it ("Illegal number: -").
 * bwrap's --die-with-parent covers the sandboxed agent's own tree; this covers `--isolation none` too. A podman
 * container is not in the group (conmon keeps it alive after `podman run` dies): the cleanup command after the
 * kill (`podman rm -f`) removes it.
 */
const WATCH = [
  'runner=$1; group=$2; shift 2',
  'while kill -0 "-$group" 2>/dev/null; do',
  '  ppid=$(cut -d" " -f4 "/proc/$$/stat" 2>/dev/null || echo "$runner")',
  '  if [ "$ppid" != "$runner" ]; then kill -KILL "-$group" 2>/dev/null; if [ $# -gt 0 ]; then "$@"; fi; exit 0; fi',
  '  sleep 0.5',
  'done',
].join('\n');

/** A command run after the group is killed, for what left it. */
export interface GroupCleanup {
  file: string;
  args: string[];
}

/** Starts the watchdog for the group led by `pid`; the returned function stops it (the group ended normally). */
export function guardProcessGroup(pid: number, cleanup?: GroupCleanup): () => void {
  // /proc is Linux's: elsewhere the runner's own SIGINT/SIGTERM handling is all there is.
  if (process.platform !== 'linux') return () => undefined;
  let watchdog: ChildProcess;
  try {
    const after = cleanup ? [cleanup.file, ...cleanup.args] : [];
    watchdog = spawn('sh', ['-c', WATCH, 'tracker-group-guard', String(process.pid), String(pid), ...after], {
      detached: true,
      stdio: 'ignore',
    });
  } catch {
    return () => undefined;
  }
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return () => {
    if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
  };
}
