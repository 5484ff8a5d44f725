// Tells a dependency bump (lockfiles, manifests whose only change is dependency versions) from a change with code, from git alone.
import { posix } from 'node:path';
import { classifyPath } from './classify-path.js';
import type { ChangedFile } from './judge-change.js';

/** Files that only pin dependencies, in any ecosystem the importer knows. */
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
]);

/** package.json's fields that name dependencies and their versions (renovate and dependabot bump these). */
const NPM_DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
  'overrides',
  'resolutions',
  'packageManager',
];

/** go.mod lines a bump changes: a required module's version (`// indirect` or not), the go and toolchain directives. */
const GO_MOD_BUMP_LINE =
  /^\s*(?:require\s+)?[^\s()]+\s+v\S+(?:\s*\/\/\s*indirect)?\s*$|^\s*(?:go|toolchain)\s+\S+\s*$|^\s*(?:require\s*\(|\))?\s*$/;

/** Reads `paths` at a commit (the ones that exist there). */
export type ReadAt = (commit: string, paths: readonly string[]) => Promise<Map<string, string>>;

/** A JSON value with its object keys sorted, so a reordered manifest reads the same. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** package.json less its dependency fields, canonical; null when it is not a JSON object. */
function stripNpmDependencies(text: string | undefined): string | null {
  if (text === undefined) return '{}';
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const rest = Object.fromEntries(Object.entries(parsed).filter(([key]) => !NPM_DEPENDENCY_FIELDS.includes(key)));
    return JSON.stringify(sortKeys(rest));
  } catch {
    return null;
  }
}

/** The lines one text has that the other has not (a multiset difference both ways). */
function listChangedLines(before: string, after: string): string[] {
  const counts = new Map<string, number>();
  for (const line of before.split('\n')) counts.set(line, (counts.get(line) ?? 0) + 1);
  for (const line of after.split('\n')) counts.set(line, (counts.get(line) ?? 0) - 1);
  return [...counts].filter(([, count]) => count !== 0).map(([line]) => line);
}

/** Manifests whose dependency versions this check can tell from the rest (a Cargo.toml or pyproject.toml is read as code). */
const MANIFESTS = new Set(['package.json', 'go.mod']);

/** Whether a manifest's change (package.json or go.mod, by its name) is dependency versions only. */
function isVersionOnly(name: string, before: string | undefined, after: string | undefined): boolean {
  if (name === 'go.mod') return listChangedLines(before ?? '', after ?? '').every((line) => GO_MOD_BUMP_LINE.test(line));
  const old = stripNpmDependencies(before);
  return old !== null && old === stripNpmDependencies(after);
}

/**
 * Why the change is a dependency bump, or undefined when it may hold code: every file it changes besides tests and docs
 * is a lockfile or a manifest (package.json, go.mod) whose only change is dependency versions. Such a change is no work an
 * agent can do offline, and before this check a bump that touched a test (a snapshot) cost an install and the test runs
 * of a verification; one that touched none was named only "no tests changed". Reads at most the two versions
 * of its manifests, one `git cat-file --batch` each.
 */
export async function judgeDependencyBump(
  files: readonly ChangedFile[],
  read: ReadAt,
  parent: string,
  commit: string,
): Promise<string | undefined> {
  const code = files.filter((file) => classifyPath(file.path) === 'source');
  if (code.length === 0) return undefined;
  const name = (file: ChangedFile) => posix.basename(file.path);
  if (!code.every((file) => LOCKFILES.has(name(file)) || MANIFESTS.has(name(file)))) return undefined;
  const manifests = code.filter((file) => MANIFESTS.has(name(file))).map((file) => file.path);
  if (manifests.length > 0) {
    const [before, after] = await Promise.all([read(parent, manifests), read(commit, manifests)]);
    if (!manifests.every((path) => isVersionOnly(posix.basename(path), before.get(path), after.get(path)))) return undefined;
  }
  const named = code.map((file) => (LOCKFILES.has(name(file)) ? file.path : `${file.path} (dependency versions)`));
  const tests = files.some((file) => classifyPath(file.path) === 'test');
  return `dependency bump: it changes only ${named.join(', ')}${tests ? ' besides tests' : ', and no tests'}: no code to write (rejected before any install)`;
}
