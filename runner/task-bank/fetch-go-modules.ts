// Downloads the modules a go.mod requires into an import's own module cache, on the host, with go itself, once per go.sum.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { BankTask } from './load-task-bank.js';
import { pickManifests } from './setup-manifests.js';

export interface GoModFetch {
  /** The import's module cache (GOMODCACHE): written here by the host's go, read-only in every sandbox. */
  dir: string;
  /** One download's limit (default 10 minutes). */
  timeoutMs?: number | undefined;
}

export interface FetchedModules {
  dir: string;
  /** go's own words when the download failed (the tests then name the module they lack). */
  error?: string;
}

const queues = new Map<string, Promise<unknown>>();

/**
 * `go mod download all` in a temp folder holding only the go.mod and go.sum (no source of the repository, so nothing
 * of it is built or run), with GOTOOLCHAIN=local (a go.mod naming a newer go must not make go fetch and run a
 * toolchain on the host) and the user's own GOPROXY, GONOSUMDB and credentials. Null when the go.mod requires nothing.
 * A go.sum already fetched (a marker per content hash) is not fetched again; fetches into one cache run one at a time.
 */
export function fetchGoModules(goMod: string, goSum: string | undefined, fetch: GoModFetch): Promise<FetchedModules | null> {
  const mod = readFileSync(goMod, 'utf8');
  if (!/^\s*require\b/m.test(mod)) return Promise.resolve(null);
  const sum = goSum === undefined ? '' : readFileSync(goSum, 'utf8');
  const previous = queues.get(fetch.dir) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => download(mod, sum, fetch));
  queues.set(fetch.dir, next);
  return next;
}

async function download(mod: string, sum: string, fetch: GoModFetch): Promise<FetchedModules> {
  const marker = join(fetch.dir, '.agent-tracker-fetched', createHash('sha256').update(mod).update('\0').update(sum).digest('hex'));
  if (existsSync(marker)) return { dir: fetch.dir };
  const scratch = mkdtempSync(join(tmpdir(), 'agent-tracker-go-mod-'));
  try {
    writeFileSync(join(scratch, 'go.mod'), dropLocalReplaces(mod));
    if (sum !== '') writeFileSync(join(scratch, 'go.sum'), sum);
    const run = await execa('go', ['mod', 'download', 'all'], {
      cwd: scratch,
      env: { GOMODCACHE: fetch.dir, GOTOOLCHAIN: 'local', GO111MODULE: 'on', GOFLAGS: '-mod=mod' },
      stdin: 'ignore',
      reject: false,
      timeout: fetch.timeoutMs ?? 600_000,
    });
    if (run.exitCode !== 0) {
      const words = `${run.stderr}`.trim().split('\n').slice(-2).join(' | ');
      return {
        dir: fetch.dir,
        error: `go mod download failed (${run.timedOut ? 'timed out' : `exit ${run.exitCode}`}): ${words}`.slice(0, 300),
      };
    }
    mkdirSync(join(marker, '..'), { recursive: true });
    writeFileSync(marker, '');
    return { dir: fetch.dir };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The task's go.mod and go.sum (the change's own when it has them) fetched into `fetch.dir`, and each nested module's
 * that the hidden `go.work` uses (runner/task-import/split-go-modules.ts); null when none requires anything. The first
 * failure's words are kept: the tests then name the module they lack.
 */
export async function fetchTaskGoModules(
  task: Pick<BankTask, 'fixture' | 'solution' | 'tests'>,
  fetch: GoModFetch | undefined,
): Promise<FetchedModules | null> {
  if (!fetch) return null;
  const manifests = new Map(pickManifests(task));
  const pairs: Array<[string, string | undefined]> = [];
  const rootMod = manifests.get('go.mod');
  if (rootMod) pairs.push([rootMod, manifests.get('go.sum')]);
  for (const dir of listWorkspaceModules(join(task.tests, 'go.work'))) {
    const pick = (name: string) => [task.solution, task.fixture].map((root) => join(root, dir, name)).find((path) => existsSync(path));
    const mod = pick('go.mod');
    if (mod) pairs.push([mod, pick('go.sum')]);
  }
  let fetched: FetchedModules | null = null;
  for (const [mod, sum] of pairs) {
    const result = await fetchGoModules(mod, sum, fetch);
    if (result?.error !== undefined) return result;
    fetched = result ?? fetched;
  }
  return fetched;
}

/** The folders a go.work's `use` names below its own (`.` left out): `use ./x` and `use ( ./x ./y )`. */
export function listWorkspaceModules(goWork: string): string[] {
  if (!existsSync(goWork)) return [];
  const text = readFileSync(goWork, 'utf8');
  const uses = [...text.matchAll(/^use\s*\(([^)]*)\)|^use\s+(\S+)/gm)].flatMap((match) =>
    (match[1] ?? match[2] ?? '').split(/\s+/).filter(Boolean),
  );
  const inside = (dir: string) => dir !== '.' && !dir.startsWith('/') && !dir.split('/').includes('..');
  return uses.map((use) => use.replace(/^\.\//, '')).filter(inside);
}

/**
 * A nested module's `replace example.com/root => ../` names a folder the scratch copy lacks (go mod download then
 * fails); the workspace supplies that module, so a replace by a local path is left out of the download.
 */
export function dropLocalReplaces(mod: string): string {
  return mod
    .split('\n')
    .filter((line) => !/=>\s*\.{0,2}\//.test(line))
    .join('\n');
}
