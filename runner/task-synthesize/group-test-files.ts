// Picks the files worth mutating (source, not tests, docs, vendored code or config) and the hidden tests that cover each.
import { posix } from 'node:path';
import { classifyPath, explainNeverCopied, type TestConventions } from '../task-import/classify-path.js';

export type SynthesisLanguage = 'javascript' | 'python' | 'go';

/** Folders whose code the repository's tests do not exercise (tools, examples, vendored copies): no mutation there. */
const SKIPPED_FOLDERS = new Set(['vendor', 'third_party', 'examples', 'example', 'scripts', 'benchmarks', 'bench', 'tools', '.github']);
/** Larger files are generated or vendored more often than written: left alone. */
export const MAX_SOURCE_BYTES = 256 * 1024;

/** The language a path is mutated as, or undefined for a file no lister reads. */
export function detectSourceLanguage(path: string): SynthesisLanguage | undefined {
  const name = posix.basename(path);
  if (/\.d\.[cm]?ts$/.test(name) || /\.min\.js$/.test(name) || /\.config\.[cm]?[jt]s$/.test(name)) return undefined;
  if (/\.[cm]?[jt]sx?$/.test(name)) return 'javascript';
  if (name.endsWith('.py') && name !== 'setup.py' && name !== 'conftest.py') return 'python';
  if (name.endsWith('.go')) return 'go';
  return undefined;
}

/** The language a file among the tests belongs to (helpers and snapshots too); undefined for data any test may read. */
function detectTestLanguage(path: string): SynthesisLanguage | undefined {
  if (path.endsWith('.py')) return 'python';
  if (path.endsWith('.go')) return 'go';
  return /\.[cm]?[jt]sx?$|\.snap$/.test(path) ? 'javascript' : undefined;
}

/** A file a test runner of `language` runs (the others under tests/ are helpers and data, installed beside them). */
function isTestFileOf(path: string, language: SynthesisLanguage, conventions: TestConventions): boolean {
  const name = posix.basename(path);
  if (language === 'go') return name.endsWith('_test.go');
  if (language === 'python')
    return name !== 'conftest.py' && (/^test_.*\.py$|_test\.py$/.test(name) || conventions.python?.(path) === true);
  return /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name);
}

export interface TestGroup {
  /** The key a group is known by: the language, and for go the package folder. */
  key: string;
  language: SynthesisLanguage;
  /** Every hidden file: the tests and what lies with them (helpers, snapshots, testdata), at their repository paths. */
  hidden: string[];
  /** The test files among them: what the test command is detected from. */
  tests: string[];
  /** The source files these tests cover, which are mutated. */
  sources: string[];
}

/**
 * Go's tests live with their package: a source file is covered by its folder's `_test.go` files (and its testdata/).
 * Python's and JavaScript's tests import from anywhere, so each language's tests form one group covering all its source.
 */
export function groupTestFiles(
  paths: readonly string[],
  sizes: ReadonlyMap<string, number> = new Map(),
  conventions: TestConventions = {},
): { groups: TestGroup[]; untested: string[] } {
  const usable = paths.filter((path) => explainNeverCopied(path) === undefined);
  const tests = usable.filter((path) => classifyPath(path, conventions) === 'test');
  const groups = new Map<string, TestGroup>();
  for (const path of usable) {
    if (classifyPath(path, conventions) !== 'source' || (sizes.get(path) ?? 0) > MAX_SOURCE_BYTES) continue;
    if (
      path
        .split('/')
        .slice(0, -1)
        .some((segment) => SKIPPED_FOLDERS.has(segment))
    )
      continue;
    const language = detectSourceLanguage(path);
    if (language === undefined) continue;
    const folder = posix.dirname(path);
    const key = language === 'go' ? `go:${folder}` : language;
    let group = groups.get(key);
    if (group === undefined) {
      const hidden =
        language === 'go'
          ? tests.filter((test) => posix.dirname(test) === folder || test.startsWith(`${folder === '.' ? '' : `${folder}/`}testdata/`))
          : tests.filter((test) => {
              const of = detectTestLanguage(test);
              return of === undefined || of === language;
            });
      group = { key, language, hidden, tests: hidden.filter((test) => isTestFileOf(test, language, conventions)), sources: [] };
      groups.set(key, group);
    }
    group.sources.push(path);
  }
  // A group with no test file to run has nothing to tell a break from working code.
  const all = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  return {
    groups: all.filter((group) => group.tests.length > 0),
    untested: all.filter((group) => group.tests.length === 0).flatMap((group) => group.sources),
  };
}
