// Gives an offline npm set-up a private copy of what it needs from the user's npm cache, which it never writes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { contentPaths, listFiles, readIndexBucket } from './cacache-layout.js';
import { NPM_LOCKFILES } from './npm-lockfiles.js';
import { readNpmLockfile } from './read-npm-lockfile.js';

/** The user's npm cache (the folder holding `_cacache`) and registry, as the host's own npm reports them. */
export interface NpmCacheSource {
  dir: string;
  /** npm's `registry` setting: the sandbox hides ~/.npmrc, and the cache's entries are keyed by this URL. */
  registry: string | null;
}

export interface ProvisionedCache {
  /** Packages the lockfile names. */
  packages: number;
  /** Content files copied (tarballs and packuments) and their bytes. */
  files: number;
  bytes: number;
}

let detected: NpmCacheSource | null | undefined;

/** `npm config get cache registry` on the host, once per process; null when npm is missing or its cache holds nothing. */
export function findUserNpmCache(): NpmCacheSource | null {
  if (detected !== undefined) return detected;
  detected = null;
  try {
    // From the temp folder: a project's .npmrc must not choose the user's cache.
    const out = execFileSync('npm', ['config', 'get', 'cache', 'registry'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const value = (name: string): string | undefined => out.match(new RegExp(`^${name}=(.+)$`, 'm'))?.[1]?.trim();
    const dir = value('cache');
    if (dir && existsSync(join(dir, '_cacache'))) detected = { dir: resolve(dir), registry: value('registry') ?? null };
  } catch {
    // No npm on the host: an npm set-up cannot run either, and says so itself.
  }
  return detected;
}

/** `--npm-cache DIR`: an npm cache folder (the one holding `_cacache`, as `npm config get cache` prints it). */
export function checkNpmCacheDir(dir: string, where: string): NpmCacheSource {
  const full = resolve(dir);
  if (!existsSync(join(full, '_cacache', 'index-v5')))
    throw new AppError('BAD_USAGE', `expected an npm cache folder holding _cacache/index-v5 (see npm config get cache), got ${full}`, {
      where,
    });
  return { dir: full, registry: null };
}

/** The fixture's npm lockfile, or null: only a lockfile says which packages an offline install needs. */
export function findNpmLockfile(fixtureDir: string): string | null {
  const name = NPM_LOCKFILES.find((file) => existsSync(join(fixtureDir, file)));
  return name ? join(fixtureDir, name) : null;
}

/**
 * Lays a private cache at `into` (its `_cacache`): the index buckets and content of the lockfile's packages (their
 * tarballs by integrity and by locked version, their packuments by registry key). A copy, not a mount: a root runner's
 * sandbox user cannot reach a cache under /root (docs/decisions/0018-offline-npm-setup.md), and npm writes to its cache.
 */
export function provisionNpmCache(source: NpmCacheSource, lockfile: string, into: string): ProvisionedCache {
  const from = join(source.dir, '_cacache');
  const locked = readNpmLockfile(lockfile);
  const names = new Set(locked.map((entry) => entry.name));
  const tarballs = new Set(locked.map((entry) => `${entry.name.split('/').pop()}-${entry.version}.tgz`));
  const wanted = new Set(locked.flatMap((entry) => (entry.integrity ?? '').split(/\s+/).filter((one) => one !== '')));
  mkdirSync(join(into, '_cacache', 'tmp'), { recursive: true });
  // Only the buckets about these packages: an import's own cache holds every version its history ever locked.
  for (const file of listFiles(join(from, 'index-v5'))) {
    const about = readIndexBucket(file).filter((entry) => isKeyAbout(entry.key, names));
    const useful = about.filter((entry) => !entry.key.includes('/-/') || tarballs.has(entry.key.split('/').pop() as string));
    if (useful.length === 0) continue;
    const target = join(into, '_cacache', relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    for (const entry of useful) wanted.add(entry.integrity);
  }
  let files = 0;
  let bytes = 0;
  for (const integrity of wanted)
    for (const rel of contentPaths(integrity)) {
      const src = join(from, rel);
      if (!existsSync(src) || existsSync(join(into, '_cacache', rel))) continue; // a platform's optional package never fetched here
      mkdirSync(dirname(join(into, '_cacache', rel)), { recursive: true });
      copyFileSync(src, join(into, '_cacache', rel));
      files += 1;
      bytes += statSync(src).size;
    }
  return { packages: names.size, files, bytes };
}

/**
 * Whether a cache key is about one of `names`: `make-fetch-happen:request-cache:<registry>/<name>[/-/<tarball>]`, a
 * scope's `/` written %2f in a packument's URL; the registry may have a path of its own, so the last segments decide.
 */
function isKeyAbout(key: string, names: ReadonlySet<string>): boolean {
  const path = /^make-fetch-happen:request-cache:[a-z]+:\/\/[^/]+\/(.+)$/i.exec(key)?.[1];
  if (!path) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.split('/-/')[0] as string);
  } catch {
    return false;
  }
  const parts = decoded.split('/');
  return names.has(parts.slice(-1).join('/')) || names.has(parts.slice(-2).join('/'));
}

/** What an offline npm set-up is given: its environment (the private cache, --offline) and a note for its failure message. */
export interface OfflineNpm {
  env: Record<string, string>;
  note: string;
}

/**
 * For a set-up run with no network in a fixture with an npm lockfile, whatever its command (it may wrap npm: `bash -c
 * "npm ci && npm rebuild x"`): the private cache laid at `into` from `source` (undefined: the host's own, null: none,
 * `--no-npm-cache`). Null when the fixture has no npm lockfile.
 */
export function prepareOfflineNpm(fixtureDir: string, source: NpmCacheSource | null | undefined, into: string): OfflineNpm | null {
  const lockfile = findNpmLockfile(fixtureDir);
  if (lockfile === null) return null;
  const cache = source === undefined ? findUserNpmCache() : source;
  // Offline either way: no network, and npm's ENOTCACHED names the missing package where a network error would not.
  if (cache === null) return { env: { npm_config_offline: 'true' }, note: 'no npm cache given' };
  const copied = provisionNpmCache(cache, lockfile, into);
  const env: Record<string, string> = { npm_config_cache: into, npm_config_offline: 'true' };
  // An explicit --npm-cache has no registry of its own: the host's setting, when it has one, keys the same entries.
  const registry = cache.registry ?? findUserNpmCache()?.registry;
  if (registry) env.npm_config_registry = registry;
  const mb = (copied.bytes / 1e6).toFixed(1);
  return { env, note: `npm cache ${cache.dir}: ${copied.files} files (${mb} MB) for ${copied.packages} packages copied` };
}
