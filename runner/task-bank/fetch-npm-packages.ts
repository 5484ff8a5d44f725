// Fetches the registry packages an npm lockfile pins into an import's own npm cache, on the host, once each.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { contentPaths, type IndexEntry, listFiles, parseIntegrity, readIndexBucket } from './cacache-layout.js';
import type { NpmCacheSource } from './npm-offline-cache.js';
import { type LockedPackage, readNpmLockfile } from './read-npm-lockfile.js';

export interface NpmFetch {
  /** The import's cache (the folder that holds `_cacache`): written here on the host by npm, never inside a sandbox. */
  dir: string;
  /** One `npm cache add`'s limit (default 10 minutes; a set-up passes its own). */
  timeoutMs?: number | undefined;
}

export interface FetchedPackages {
  /** The cache to copy the set-up's private cache from, with the registry its entries are keyed by. */
  source: NpmCacheSource;
  /** Packages fetched now, and found fetched already. */
  fetched: number;
  present: number;
  /** npm's own words when a fetch failed (the offline install then names the package missing). */
  error?: string;
}

/** npm's package names (validate-npm-package-name, legacy upper case allowed) and exact registry versions. */
const NAME = /^(?:@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i;
const VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/;
const BATCH = 200;

let registry: Promise<string> | undefined;
/** Fetches into one cache run one after the other: two candidates with overlapping lockfiles fetch a package once. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Fetches what the lockfile pins from the registry and is not in `fetch.dir` yet, with `npm cache add <name@version>`
 * run on the host from the temp folder (the user's registry, proxy and credentials apply; no project .npmrc): npm only
 * downloads and stores, it installs nothing and runs no package's scripts. A lockfile pinning a git, file or other URL
 * source is left to the offline install, which names what it lacks (ENOTCACHED).
 */
export function fetchLockedPackages(lockfile: string, fetch: NpmFetch): Promise<FetchedPackages> {
  const previous = queues.get(fetch.dir) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => fetchNow(lockfile, fetch));
  queues.set(fetch.dir, next);
  return next;
}

async function fetchNow(lockfile: string, fetch: NpmFetch): Promise<FetchedPackages> {
  registry ??= readRegistry();
  const source = { dir: fetch.dir, registry: await registry };
  const cache = join(fetch.dir, '_cacache');
  const locked = readNpmLockfile(lockfile).filter(isFromRegistry);
  const missing = locked.filter((entry) => !isStored(cache, entry.integrity));
  const specs = [...new Set(missing.map((entry) => `${entry.name}@${entry.version}`))];
  let error: string | undefined;
  for (let at = 0; at < specs.length; at += BATCH) {
    const failed = await addAll(fetch, specs.slice(at, at + BATCH));
    error ??= failed;
  }
  if (missing.length > 0) storeUnderLockedHashes(cache, missing, source.registry);
  const result: FetchedPackages = { source, fetched: specs.length, present: locked.length - missing.length };
  if (error !== undefined) result.error = error;
  return result;
}

function isFromRegistry(entry: LockedPackage): boolean {
  if (!NAME.test(entry.name) || entry.version === undefined || !VERSION.test(entry.version)) return false;
  return entry.resolved === undefined || /^https?:\/\/[^/]+\/.+\/-\/[^/]+\.tgz$/.test(entry.resolved);
}

/** Stored when the content of one of its hashes is in the cache (a lockfile without a hash: never, so asked again). */
function isStored(cache: string, integrity: string | undefined): boolean {
  return integrity !== undefined && contentPaths(integrity).some((rel) => existsSync(join(cache, rel)));
}

/** npm stops a batch at its first failure (an unpublished version): the batch is halved until the failure is alone. */
async function addAll(fetch: NpmFetch, specs: string[]): Promise<string | undefined> {
  const failed = await addToCache(fetch, specs);
  if (failed === undefined || specs.length === 1 || failed.includes('timed out')) return failed;
  const half = Math.ceil(specs.length / 2);
  const first = await addAll(fetch, specs.slice(0, half));
  const second = await addAll(fetch, specs.slice(half));
  return first ?? second;
}

async function addToCache(fetch: NpmFetch, specs: string[]): Promise<string | undefined> {
  // npm waits 5 minutes for a stalled request and tries 3 times (fetch-timeout 300000, fetch-retries 2): one stalled
  // fetch is the 15 minutes a sandboxed install was seen to sit; 1 minute a try here, under the set-up's own limit.
  const flags = ['--cache', fetch.dir, '--prefer-offline', '--fetch-timeout=60000', '--loglevel=error'];
  const run = await execa('npm', ['cache', 'add', ...flags, ...specs], {
    cwd: tmpdir(),
    stdin: 'ignore',
    reject: false,
    timeout: fetch.timeoutMs ?? 600_000,
  });
  if (run.exitCode === 0) return undefined;
  const words = `${run.stderr}`.split('\n').find((line) => /npm (?:error|ERR!) (?!code)/.test(line));
  return `npm cache add failed (${run.timedOut ? 'timed out' : `exit ${run.exitCode}`}): ${words ?? run.shortMessage}`.slice(0, 300);
}

/**
 * npm stores a tarball under the registry's sha512; an old lockfile pins sha1, and pacote then looks the tarball up by
 * that hash and finds nothing offline (ENOTCACHED, seen on tj/commander.js's 2020 lockfiles). The same bytes are laid
 * at the locked hash's address too, when they match it.
 */
function storeUnderLockedHashes(cache: string, missing: readonly LockedPackage[], registryUrl: string): void {
  if (!existsSync(join(cache, 'index-v5'))) return;
  const byKey = new Map<string, IndexEntry>();
  for (const file of listFiles(join(cache, 'index-v5'))) for (const entry of readIndexBucket(file)) byKey.set(entry.key, entry);
  for (const entry of missing) {
    if (entry.integrity === undefined || isStoredEverywhere(cache, entry.integrity)) continue;
    const url = entry.resolved ?? `${registryUrl.replace(/\/?$/, '/')}${entry.name}/-/${entry.name.split('/').pop()}-${entry.version}.tgz`;
    const stored = byKey.get(`make-fetch-happen:request-cache:${url}`);
    const file = stored && contentPaths(stored.integrity).find((rel) => existsSync(join(cache, rel)));
    if (!file) continue;
    const bytes = readFileSync(join(cache, file));
    for (const one of entry.integrity.split(/\s+/)) {
      const hash = parseIntegrity(one);
      const [rel] = contentPaths(one);
      if (!hash || !rel || existsSync(join(cache, rel))) continue;
      if (!createHash(hash.algorithm).update(bytes).digest().equals(hash.digest)) continue; // npm ci says EINTEGRITY
      mkdirSync(dirname(join(cache, rel)), { recursive: true });
      const partial = join(cache, 'tmp', `${process.pid}-${rel.replaceAll('/', '-')}`);
      mkdirSync(dirname(partial), { recursive: true });
      writeFileSync(partial, bytes);
      renameSync(partial, join(cache, rel));
    }
  }
}

function isStoredEverywhere(cache: string, integrity: string): boolean {
  return contentPaths(integrity).every((rel) => existsSync(join(cache, rel)));
}

/** The host npm's registry, which keys the cache's entries (the sandboxed npm is told the same one). */
async function readRegistry(): Promise<string> {
  const run = await execa('npm', ['config', 'get', 'registry'], { cwd: tmpdir(), stdin: 'ignore', reject: false, timeout: 30_000 });
  const value = `${run.stdout}`.trim();
  return run.exitCode === 0 && /^https?:\/\//.test(value) ? value : 'https://registry.npmjs.org/';
}
