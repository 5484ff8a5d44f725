// Decides from a change's file list alone whether it can become a task, and why not: the checks that need no test run.
import { RUST_TEST_MODULE_SUFFIX } from '../acceptance/splice-rust-tests.js';
import { classifyPath, explainNeverCopied, type TestConventions } from './classify-path.js';

export interface ChangedFile {
  path: string;
  /** git's status letter: A added, M modified, D deleted, R renamed, C copied, T type changed. */
  status: string;
  /** The path before a rename or copy. */
  oldPath?: string;
  /** git's file modes before and after (160000 is a submodule, 120000 a symlink). */
  oldMode: string;
  newMode: string;
  /** Lines added and deleted; null when git calls the file binary. */
  added: number | null;
  deleted: number | null;
  /** Bytes of the new version (0 when deleted). */
  bytes: number;
}

export interface ChangeLimits {
  maxFiles: number;
  maxLines: number;
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: ChangeLimits = { maxFiles: 20, maxLines: 1000, maxFileBytes: 256 * 1024 };

export type ChangeVerdict =
  | {
      ok: true;
      tests: ChangedFile[];
      solution: ChangedFile[];
      linesChanged: number;
      /** Lines and files of source the solution changes (docs such as a CHANGELOG are not work). */
      solutionLines: number;
      sourceFiles: number;
    }
  | { ok: false; reason: string };

function countLines(files: readonly ChangedFile[]): number {
  return files.reduce((sum, file) => sum + (file.added ?? 0) + (file.deleted ?? 0), 0);
}

/**
 * A test file above the size limit is data the tests read (css-what's `src/__fixtures__/out.json`, 395-428 KB):
 * hidden, never the agent's to write, so neither "a large file" up to TEST_DATA_MAX_BYTES nor lines of work
 * (12 of css-what's real fixes were rejected for it).
 */
function isTestData(file: ChangedFile, limits: ChangeLimits, conventions: TestConventions): boolean {
  return file.bytes > limits.maxFileBytes && classifyPath(file.path, conventions) === 'test';
}

/** Test data larger than this is still refused: a task bank copies it into every arm. */
export const TEST_DATA_MAX_BYTES = 4 * 1024 * 1024;

function findStructuralProblem(files: readonly ChangedFile[], limits: ChangeLimits, conventions: TestConventions): string | undefined {
  const submodule = files.find((file) => file.oldMode === '160000' || file.newMode === '160000');
  if (submodule) return `changes a submodule (${submodule.path}): its contents are not in this repository`;
  const link = files.find((file) => file.oldMode === '120000' || file.newMode === '120000');
  if (link) return `changes a symlink (${link.path}): task folders hold plain files only`;
  const deleted = files.find((file) => file.status === 'D');
  if (deleted) return `deletes ${deleted.path}: a solution is laid over the fixture, so it can add and change files but not remove one`;
  const renamed = files.find((file) => file.status === 'R' || file.status === 'T');
  if (renamed)
    return renamed.status === 'R'
      ? `renames ${renamed.oldPath ?? '?'} to ${renamed.path}: the old file would stay in the fixture, since a solution cannot remove it`
      : `changes the type of ${renamed.path}`;
  const binary = files.find((file) => file.added === null);
  if (binary) return `binary file in the change (${binary.path})`;
  const limitOf = (file: ChangedFile) => (isTestData(file, limits, conventions) ? TEST_DATA_MAX_BYTES : limits.maxFileBytes);
  const large = files.find((file) => file.bytes > limitOf(file));
  if (large)
    return `large file in the change (${large.path}, ${Math.round(large.bytes / 1024)} KB > ${Math.round(limitOf(large) / 1024)} KB)`;
  const hidden = files.map((file) => ({ file, why: explainNeverCopied(file.path) })).find((entry) => entry.why !== undefined);
  if (hidden) return `changes ${hidden.file.path}, which is never copied (${hidden.why})`;
  return undefined;
}

/** Rust source files whose `#[cfg(test)]` module the change touches (read-rust-test-modules.ts). */
export interface RustTestChanges {
  /** Their test module changed: it becomes a hidden test, `<path>` + RUST_TEST_MODULE_SUFFIX. */
  modules: ReadonlySet<string>;
  /** Only their test module changed: not part of the solution. */
  testOnly: ReadonlySet<string>;
}

/** The first reason the change cannot be a task, or its test files and its solution files (everything else it changes). */
export function judgeChange(
  files: readonly ChangedFile[],
  limits: ChangeLimits = DEFAULT_LIMITS,
  rust: RustTestChanges = { modules: new Set(), testOnly: new Set() },
  conventions: TestConventions = {},
): ChangeVerdict {
  if (files.length === 0) return { ok: false, reason: 'changes no files' };
  const modules = files
    .filter((file) => rust.modules.has(file.path))
    .map((file) => ({ ...file, path: `${file.path}${RUST_TEST_MODULE_SUFFIX}` }));
  const kind = (file: ChangedFile) => classifyPath(file.path, conventions);
  const tests = [...files.filter((file) => kind(file) === 'test'), ...modules];
  const solution = files.filter((file) => kind(file) !== 'test' && !rust.testOnly.has(file.path));
  const sources = solution.filter((file) => kind(file) === 'source');
  if (tests.length === 0) return { ok: false, reason: 'no tests changed' };
  if (sources.length === 0)
    return { ok: false, reason: solution.length === 0 ? 'only tests changed' : 'only tests and docs changed (no source)' };
  const problem = findStructuralProblem(files, limits, conventions);
  if (problem) return { ok: false, reason: problem };
  const linesChanged = countLines(files.filter((file) => !isTestData(file, limits, conventions)));
  if (files.length > limits.maxFiles)
    return { ok: false, reason: `too big: ${files.length} files changed > ${limits.maxFiles} (--max-files)` };
  if (linesChanged > limits.maxLines)
    return { ok: false, reason: `too big: ${linesChanged} lines changed > ${limits.maxLines} (--max-lines)` };
  return { ok: true, tests, solution, linesChanged, solutionLines: countLines(sources), sourceFiles: sources.length };
}
