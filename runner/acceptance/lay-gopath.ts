// Lays an arm's work folder at its import path in a GOPATH of the run's own, for a Go task from before go modules.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';

/**
 * In the sandbox's private /tmp (bwrap's --tmpfs, podman's): made anew for every run, so nothing the agent left there
 * (or anywhere it could write) is followed.
 */
const SANDBOX_GOPATH = '/tmp/.agent-tracker-gopath';

export interface GopathLayout {
  /** GOPATH, and PWD at the work folder's place in it (go in GOPATH mode names packages from the working folder). */
  env: Record<string, string>;
  /** The work folder bound at `$GOPATH/src/<path>` inside the sandbox (bwrap --bind, podman --volume). */
  binds: Array<{ source: string; target: string }>;
  /** Where the tests start: inside the sandbox; the host's link when unisolated. */
  chdir: string;
  /** Removes what the runner made on the host (unisolated only: the link, never what it points to). */
  remove(): void;
}

/**
 * GOPATH mode resolves `import "github.com/x/calc"` only below `$GOPATH/src`: a subpackage of a work folder laid
 * anywhere else cannot build (go 1.19, "cannot find package"). Isolated, the folder is bound there inside the sandbox,
 * a mount the sandboxed side cannot redirect. Unisolated there is no sandboxed side: a link in a fresh folder of the
 * runner's own serves, and go follows it from PWD.
 */
export function layGopath(plan: IsolationPlan | undefined, workDir: string, cwd: string, importPath: string): GopathLayout {
  const below = relative(workDir, cwd);
  if (plan && plan.mode !== 'none') {
    const target = join(SANDBOX_GOPATH, 'src', importPath);
    const chdir = join(target, below);
    return { env: { GOPATH: SANDBOX_GOPATH, PWD: chdir }, binds: [{ source: workDir, target }], chdir, remove: () => undefined };
  }
  const gopath = mkdtempSync(join(tmpdir(), 'acceptance-gopath-'));
  const link = join(gopath, 'src', importPath);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(workDir, link, 'dir');
  const chdir = join(link, below);
  // rmSync removes a link itself, never what it points to.
  return { env: { GOPATH: gopath, PWD: chdir }, binds: [], chdir, remove: () => rmSync(gopath, { recursive: true, force: true }) };
}
