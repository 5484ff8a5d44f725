// The spec files that read a changed test data file: they are the tests to run when only the data changed.
import { posix } from 'node:path';
import { classifyPath } from './classify-path.js';
import { readTree } from './read-candidate.js';
import { listTree } from './read-git.js';

const NAMED_JS_TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const JS_OR_DATA = /\.(?:[cm]?[jt]sx?|json)$/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/**
 * css-what's spec files loop over rows in `src/__fixtures__/tests.ts`; 15 real fixes that added rows there and changed
 * no `*.spec.ts` were refused "no test command found" (issue 52, item 5). For each changed test file that is not a
 * test by its own name (a fixture, a data table), the commit's `*.test.*` / `*.spec.*` files that import it by a
 * relative path (extension and `/index` optional) are returned, to run as the task's tests.
 */
export async function findDataReaders(repo: string, commit: string, tests: readonly string[]): Promise<string[]> {
  const data = tests.filter((path) => JS_OR_DATA.test(path) && !NAMED_JS_TEST.test(path));
  if (data.length === 0 || tests.some((path) => NAMED_JS_TEST.test(path))) return [];
  const wanted = new Set(data.map(stripModuleSuffix));
  const specs = (await listTree(repo, commit))
    .map((entry) => entry.path)
    .filter((path) => NAMED_JS_TEST.test(path) && classifyPath(path) === 'test' && !path.split('/').includes('node_modules'));
  if (specs.length === 0) return [];
  const readers: string[] = [];
  for (const file of await readTree(repo, commit, new Set(specs))) {
    const text = file.bytes?.toString('utf8') ?? '';
    const imports = [...text.matchAll(SPECIFIER)].map((match) => match[1] as string).filter((spec) => spec.startsWith('.'));
    if (imports.some((spec) => wanted.has(stripModuleSuffix(posix.normalize(posix.join(posix.dirname(file.path), spec))))))
      readers.push(file.path);
  }
  return readers.sort();
}

/** `src/__fixtures__/tests.ts`, `./tests.js` and `tests/index` name one module: compared without either. */
function stripModuleSuffix(path: string): string {
  return path.replace(/\.(?:[cm]?[jt]sx?|json)$/, '').replace(/\/index$/, '');
}
