// The test files that read a changed test data file (JavaScript specs, Python and Go tests): the tests to run when only the data changed.
import { posix } from 'node:path';
import { classifyPath } from './classify-path.js';
import { readTree } from './read-candidate.js';
import { listTree } from './read-git.js';

const NAMED_JS_TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
/** Test files by their own name, in the languages whose tests read data files beside them. */
const NAMED_TEST = [NAMED_JS_TEST, /(?:^|\/)test_[^/]*\.py$/, /_test\.(?:py|go)$/];
const isNamedTest = (path: string) => NAMED_TEST.some((pattern) => pattern.test(path));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

/**
 * css-what's spec files loop over rows in `src/__fixtures__/tests.ts`; 15 real fixes that added rows there and changed
 * no `*.spec.ts` were refused "no test command found". For each changed test file that is not a
 * test by its own name (a fixture, a data table), the commit's `*.test.*` / `*.spec.*` files that import it by a
 * relative path (extension and `/index` optional) or name its path relative to their folder are returned, to run as
 * the task's tests. Python's and Go's tests are readers too (`test_*.py`, `*_test.py`, `*_test.go`: a fix whose test was
 * a new `tests/data/case.json` got "no test command found"), and so is a test that names the data file's name
 * (`os.path.join(HERE, "data", "case.json")`) or, when it lies above it, its folder as a quoted path
 * (`glob("cases/*.json")`, `readdirSync(join(__dirname, '__fixtures__'))`): a loop over every file of a folder.
 */
export async function findDataReaders(repo: string, commit: string, tests: readonly string[]): Promise<string[]> {
  const data = tests.filter((path) => !isNamedTest(path) && classifyPath(path) === 'test');
  if (data.length === 0 || tests.some(isNamedTest)) return [];
  const wanted = new Set(data.map(stripModuleSuffix));
  const specs = (await listTree(repo, commit))
    .map((entry) => entry.path)
    .filter((path) => isNamedTest(path) && classifyPath(path) === 'test' && !path.split('/').includes('node_modules'));
  if (specs.length === 0) return [];
  const readers: string[] = [];
  const only = new Set(specs);
  // readTree lists every entry; only those asked for carry their bytes.
  for (const file of (await readTree(repo, commit, only)).filter((entry) => only.has(entry.path))) {
    const text = file.bytes?.toString('utf8') ?? '';
    const imports = [...text.matchAll(SPECIFIER)].map((match) => match[1] as string).filter((spec) => spec.startsWith('.'));
    const dir = posix.dirname(file.path);
    // Read by path too: css-what's specs read `${__dirname}/__fixtures__/out.json` with readFileSync.
    const named = data.some((path) => text.includes(posix.relative(dir, path)) || namesDataFile(text, dir, path));
    if (named || imports.some((spec) => wanted.has(stripModuleSuffix(posix.normalize(posix.join(dir, spec)))))) readers.push(file.path);
  }
  return readers.sort();
}

/** For a reader above the data file: its own name quoted at the end of a string, or its folder read whole (quoted, or globbed). */
function namesDataFile(text: string, dir: string, path: string): boolean {
  const folder = posix.relative(dir, posix.dirname(path));
  if (folder.startsWith('..')) return false;
  const quote = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`["'\`/]${quote(posix.basename(path))}["'\`]`).test(text)) return true;
  // The folder itself, not a path through it to another file (`__fixtures__/out.json` reads no `__fixtures__/tests.ts`).
  return folder !== '' && new RegExp(`["'\`/]${quote(folder)}(?:["'\`]|/\\*)`).test(text);
}

/** `src/__fixtures__/tests.ts`, `./tests.js` and `tests/index` name one module: compared without either. */
function stripModuleSuffix(path: string): string {
  return path.replace(/\.(?:[cm]?[jt]sx?|json)$/, '').replace(/\/index$/, '');
}
