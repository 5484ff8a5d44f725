// Judges whether a branch's test commits and fix commits are one change (a pull request as its unit), naming the odd one out.
import { posix } from 'node:path';
import { classifyPath, type TestConventions } from './classify-path.js';
import type { BranchCommit } from './read-git.js';

/** One change by its test and code commits, or the first commit that belongs to none of the others. */
export type BranchRelation = { related: true; fixes: BranchCommit[] } | { related: false; reason: string };

/** Module names too common to tie a test to a file by (`index.ts`, `__init__.py`, `mod.rs`): their folder names it instead. */
const GENERIC_STEMS = new Set(['index', '__init__', 'mod', 'lib', 'main', 'utils', 'util', 'types', 'common']);

/**
 * A branch "Test a" + "Fix a" is SWE-bench's unit, one pull request: the tests the branch changes check the code it
 * changes. It is judged file by file, from names alone: a source file is reached by a changed test when the test's
 * file name or text names the source's module (its file name without extension, or its folder's for an `index.ts`,
 * `__init__.py`, `mod.rs`; at least 3 characters, as a whole word), or, for Go, the test lies in the same package
 * folder. The branch is one change when every commit that changes code touches a reached source file and every commit
 * that changes tests touches a test that reaches one; a commit of docs alone belongs to any change. Otherwise the first
 * commit that does not belong is named: a refactoring of another module brought in by the same branch would be a
 * change the spec never states.
 */
export function relateBranchCommits(
  branch: readonly BranchCommit[],
  conventions: TestConventions,
  testTexts: ReadonlyMap<string, string>,
): BranchRelation {
  const kindOf = (path: string) => classifyPath(path, conventions);
  const tests = [...new Set(branch.flatMap((commit) => commit.paths.filter((path) => kindOf(path) === 'test')))];
  const sources = [...new Set(branch.flatMap((commit) => commit.paths.filter((path) => kindOf(path) === 'source')))];
  const reaches = (test: string, source: string) => reachesSource(test, testTexts.get(test) ?? '', source);
  for (const commit of branch) {
    const own = commit.paths.filter((path) => kindOf(path) === 'source');
    if (own.length > 0 && !own.some((source) => tests.some((test) => reaches(test, source))))
      return {
        related: false,
        reason: `${JSON.stringify(commit.subject.slice(0, 50))} changes ${describePaths(own)}, which no test the branch changes names (${describePaths(tests)})`,
      };
    const ownTests = commit.paths.filter((path) => kindOf(path) === 'test');
    if (ownTests.length > 0 && !ownTests.some((test) => sources.some((source) => reaches(test, source))))
      return {
        related: false,
        reason: `${JSON.stringify(commit.subject.slice(0, 50))} changes tests ${describePaths(ownTests)}, which name none of the code the branch changes (${describePaths(sources)})`,
      };
  }
  return { related: true, fixes: branch.filter((commit) => commit.paths.some((path) => kindOf(path) === 'source')) };
}

/** Whether a test, by its path and text, names the module of `source` (or shares its Go package folder). */
function reachesSource(test: string, text: string, source: string): boolean {
  if (test.endsWith('_test.go') && source.endsWith('.go') && posix.dirname(test) === posix.dirname(source)) return true;
  const stem = readModuleStem(source);
  if (stem.length < 3) return false;
  const word = new RegExp(`(?:^|[^A-Za-z0-9])${stem.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?:$|[^A-Za-z0-9])`, 'i');
  return word.test(posix.basename(test)) || word.test(text);
}

/** `toolz/core.py` -> `core`; `src/parser/index.ts` -> `parser`. */
function readModuleStem(path: string): string {
  const name = posix.basename(path).replace(/\.[^.]+$/, '');
  if (!GENERIC_STEMS.has(name)) return name;
  return posix.basename(posix.dirname(path));
}

function describePaths(paths: readonly string[]): string {
  if (paths.length === 0) return 'none';
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}
