// Sorts a repository path into test, docs or source by common language conventions, and names the paths an import never copies.
import { posix } from 'node:path';

export type PathKind = 'test' | 'docs' | 'source';

// Snapshots (jest, vitest), Go's testdata and fixture folders belong with the tests that read them, never in a
// solution: a hidden test's helper the agent had to write would be an unfair task (seen importing this project,
// whose tests import runner/task-import/test-fixtures/).
const TEST_FOLDERS = new Set([
  'test',
  'tests',
  '__tests__',
  '__snapshots__',
  '__fixtures__',
  '__mocks__',
  'test-fixtures',
  'test_fixtures',
  'testdata',
  'spec',
  'specs',
  'features',
  'step-definitions',
  'step_definitions',
]);
const TEST_FILE_PATTERNS = [
  /\.(?:test|spec)\.[cm]?[jt]sx?$/, // JavaScript and TypeScript: x.test.js, x.spec.ts, x.test.mjs
  /\.spec\.[a-z]+$/, // other *.spec.* files
  /^test_[^/]*\.py$/, // pytest and unittest: test_x.py
  /_test\.(?:py|go)$/, // x_test.py, Go's x_test.go
  /\.feature$/, // Gherkin (cucumber, behave)
  /\.snap$/, // jest and vitest snapshots
  /\.bench\.[cm]?[jt]sx?$/, // vitest benchmarks
  /\.test-d\.[cm]?tsx?$/, // tsd and tstyche type tests (fastify's types/index.test-d.ts)
];
const DOC_PATTERNS = [/\.(?:md|markdown|rst|txt|adoc)$/i, /^(?:LICEN[CS]E|NOTICE|AUTHORS|CHANGELOG)(?:\.|$)/i];

/** The repository's own test-file rules, where it has them (read-python-test-names.ts). */
export interface TestConventions {
  /** Whether a `.py` file is a test module by the repository's own rules too (pytest's `python_files`, `tests.py`). */
  python?: ((path: string) => boolean) | undefined;
}

/**
 * `test` when a folder on the path or the file name follows a test convention (for Python, the repository's own rules
 * as well, when given); `docs` for prose; else `source`.
 */
export function classifyPath(path: string, conventions: TestConventions = {}): PathKind {
  const segments = path.split('/');
  const name = segments.at(-1) ?? path;
  if (segments.slice(0, -1).some((segment) => TEST_FOLDERS.has(segment))) return 'test';
  if (TEST_FILE_PATTERNS.some((pattern) => pattern.test(name))) return 'test';
  if (name.endsWith('.py') && conventions.python?.(path) === true) return 'test';
  if (segments[0] === 'docs' || DOC_PATTERNS.some((pattern) => pattern.test(name))) return 'docs';
  return 'source';
}

/** Folders never copied: version control, installed dependencies, build and cache outputs. */
const NEVER_FOLDERS = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'target',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.pytest_cache',
  '.mypy_cache',
  '.next',
  '.turbo',
]);
/**
 * Files that hold credentials by their nature: never copied, whatever is in them. Matched without regard to case, since
 * case-insensitive file systems (macOS, Windows) read `.ENV` or `.Npmrc` as the same file.
 */
const SECRET_FILES = [
  /^\.env(?:rc)?(?:[.-].*)?$/i, // .env, .env.production, .env-local, .envrc (direnv)
  /\.env$/i, // prod.env, staging.env
  /\.(?:pem|key|p12|pfx|keystore|jks)$/i,
  /^id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/i,
  /^\.(?:netrc|npmrc|pypirc|pgpass|git-credentials)$/i,
  /^\.yarnrc(?:\.ya?ml)?$/i, // npmAuthToken lives here for Yarn 2+
  /\.tfvars(?:\.json)?$/i, // Terraform variable values, often provider keys
];
/** Credential files known by their folder as well as their name (a file called `credentials` elsewhere is ordinary). */
const SECRET_PATHS = [/(?:^|\/)\.aws\/credentials$/i, /(?:^|\/)\.docker\/config\.json$/i];

/** Why a path is never copied (a credential file, an output folder, compiled bytes), or undefined when it may be. */
export function explainNeverCopied(path: string): string | undefined {
  const segments = path.split('/');
  const folder = segments.slice(0, -1).find((segment) => NEVER_FOLDERS.has(segment));
  if (folder !== undefined) return `${folder}/ is never copied`;
  const name = posix.basename(path);
  if (SECRET_FILES.some((pattern) => pattern.test(name)) || SECRET_PATHS.some((pattern) => pattern.test(path)))
    return `${name} may hold credentials and is never copied`;
  if (/\.py[co]$/.test(name)) return 'compiled Python is never copied';
  return undefined;
}
