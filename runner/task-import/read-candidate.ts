// Reads what one candidate commit needs from git: the trees, the test command its manifests imply, file texts.
import type { TreeFile } from './assemble-task.js';
import { type DetectedTest, describeGivenCommand, detectTestCommand } from './detect-test-command.js';
import { listTree, readBlobs, readCommitFiles } from './read-git.js';
import { CI_WORKFLOW } from './read-cargo-features.js';
import type { TestConventions } from './classify-path.js';
import { readPythonTestRule } from './read-python-test-names.js';
import { PYTEST_CONFIG_FILES } from './read-pytest-config.js';

/** The test command for the changed tests: the user's own (`--test-command`, `--setup-command`) or the detected one. */
export function detectFor(
  commitTree: Map<string, TreeFile>,
  testPaths: string[],
  request: { testCommand?: string[] | undefined; setupCommand?: string[] | undefined; setupNetwork?: boolean | undefined },
): DetectedTest | undefined {
  const view = { paths: new Set(commitTree.keys()), read: (path: string) => commitTree.get(path)?.bytes?.toString('utf8') };
  const detected = detectTestCommand(view, testPaths, request.setupNetwork === true);
  const test = request.testCommand ? describeGivenCommand(request.testCommand) : detected?.test;
  if (test === undefined) return undefined;
  // The environment the detected set-up makes (a Python package's PYTHONPATH, a GOPATH layout) holds for a given command too.
  const env = detected?.test.env && { env: detected.test.env };
  const goPath = detected?.test.go_import_path && { go_import_path: detected.test.go_import_path };
  return {
    language: detected?.language ?? 'other',
    test: { ...test, setup: request.setupCommand ?? detected?.test.setup, ...env, ...goPath },
  };
}

/**
 * The repository's own test-file rules at a commit, read only when the change has Python files: its root's pytest
 * configuration files, by one `git cat-file --batch` (no tree listing per candidate).
 */
export async function readTestConventions(repo: string, commit: string, changed: readonly string[]): Promise<TestConventions> {
  if (!changed.some((path) => path.endsWith('.py'))) return {};
  const files = await readCommitFiles(repo, commit, PYTEST_CONFIG_FILES);
  return { python: readPythonTestRule({ paths: new Set(files.keys()), read: (path) => files.get(path) }) };
}

/**
 * A commit's tree, with the bytes of `only` and of its CI workflows (of every blob when absent), and of its Go sources
 * when `goSources`: a tree without go.mod is laid out at the import path they reveal (derive-go-import-path.ts).
 */
export async function readTree(repo: string, commit: string, only?: ReadonlySet<string>, goSources = false): Promise<TreeFile[]> {
  const entries = await listTree(repo, commit);
  const goTree = goSources && !entries.some((entry) => entry.path === 'go.mod');
  const wanted = entries.filter(
    (entry) =>
      entry.type === 'blob' &&
      (only === undefined || only.has(entry.path) || CI_WORKFLOW.test(entry.path) || (goTree && entry.path.endsWith('.go'))),
  );
  const blobs = await readBlobs(
    repo,
    wanted.map((entry) => entry.sha),
  );
  return entries.map((entry) => ({ path: entry.path, mode: entry.mode, type: entry.type, bytes: blobs.get(entry.sha) }));
}

export /** Manifests the test command is detected from, read at the commit alongside the changed files. */
const MANIFESTS = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'tsconfig.json',
  'pytest.ini',
  '.pytest.ini',
  'pyproject.toml',
  'setup.cfg',
  'tox.ini',
  'go.mod',
  'Cargo.toml',
];

export /** The text of each file (of `only` when given), for reading declarations. */
function readTexts(files: ReadonlyMap<string, Buffer>, only?: readonly string[]): Map<string, string> {
  const paths = only ?? [...files.keys()];
  return new Map(
    paths.flatMap((path) => (files.has(path) ? [[path, (files.get(path) as Buffer).toString('utf8')] as [string, string]] : [])),
  );
}
