// Builds a task's files from two trees: the fixture (parent, filtered), the hidden tests and the solution (commit), all scanned for secrets.
import { posix } from 'node:path';
import { classifyPath, explainNeverCopied } from './classify-path.js';
import { findSecrets, isBinary } from './scan-secrets.js';

export interface TreeFile {
  path: string;
  mode: string;
  type: string;
  bytes: Buffer | undefined;
}

/** git's mode of an executable file; any other blob is written as a plain (non-executable) file. */
const EXECUTABLE_MODE = '100755';

/** A regular file the importer makes rather than reads from the repository. */
export function makeTreeFile(path: string, text: string): TreeFile {
  return { path, mode: '100644', type: 'blob', bytes: Buffer.from(text) };
}

export interface AssembledTask {
  fixture: Map<string, Buffer>;
  tests: Map<string, Buffer>;
  solution: Map<string, Buffer>;
  /**
   * The paths of each part git has as executable (mode 100755), written with the executable bit: a test that runs the
   * repository's own script met "Permission denied" when every file was written 0644.
   */
  executable?: { fixture: Set<string>; tests: Set<string>; solution: Set<string> };
  /** Fixture files left out, each with why (a secret, a credential file, a symlink, a large binary). */
  leftOut: string[];
}

export type AssembleResult = { ok: true; task: AssembledTask } | { ok: false; reason: string };

function isSafePath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').some((segment) => segment === '..' || segment === '.' || segment === '');
}

/** Documentation in prose (Markdown, reStructuredText, AsciiDoc), where a URL with a password is an example of the form. */
const PROSE_FILE = /\.(?:md|markdown|rst|adoc)$/i;

/** The first secret in a text file, as `path:line (kind)`, unless its `path:line` is allowed (`--allow-secret`). */
function locateSecret(path: string, bytes: Buffer, allowed: ReadonlySet<string> | undefined): string | undefined {
  if (isBinary(bytes)) return undefined;
  const kind = classifyPath(path);
  const docsFile = kind === 'docs' && PROSE_FILE.test(path);
  const hits = findSecrets(bytes.toString('utf8'), { testFile: kind === 'test', docsFile, path });
  const hit = hits.find((one) => allowed?.has(`${path}:${one.line}`) !== true);
  return hit ? `${path}:${hit.line} (${hit.kind})` : undefined;
}

/** How many links a fixture link may go through to reach its file. */
const MAX_LINK_HOPS = 8;

/**
 * The tracked plain file a symlink leads to inside the repository (following links to links), or undefined when it
 * leaves the repository, dangles or loops. python-semver's tests/coerce.py links to docs/advanced/coerce.py, and its
 * tests/conftest.py imports it: leaving the link out made every candidate fail with "No module named 'coerce'".
 */
export function resolveRepoLink(link: TreeFile, tree: ReadonlyMap<string, TreeFile>): TreeFile | undefined {
  let current = link;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop += 1) {
    if (current.mode !== '120000') return current.type === 'blob' ? current : undefined;
    const target = current.bytes?.toString('utf8') ?? '';
    if (target === '' || target.startsWith('/')) return undefined;
    const path = posix.normalize(posix.join(posix.dirname(current.path), target));
    if (path.startsWith('../') || path === '..') return undefined;
    const next = tree.get(path);
    if (next === undefined) return undefined;
    current = next;
  }
  return undefined;
}

/** Why a fixture file is left out, or undefined to copy it. */
function judgeFixtureFile(file: TreeFile, maxFileBytes: number, allowed: ReadonlySet<string> | undefined): string | undefined {
  if (file.type === 'commit') return `${file.path}: a submodule`;
  if (file.mode === '120000') return `${file.path}: a symlink out of the repository or to nothing`;
  if (!isSafePath(file.path)) return `${file.path}: an unsafe path`;
  const never = explainNeverCopied(file.path);
  if (never) return `${file.path}: ${never}`;
  if (!file.bytes) return `${file.path}: unreadable`;
  if (isBinary(file.bytes) && file.bytes.length > maxFileBytes)
    return `${file.path}: a binary of ${Math.round(file.bytes.length / 1024)} KB`;
  const secret = locateSecret(file.path, file.bytes, allowed);
  return secret ? `secret in ${secret}` : undefined;
}

export interface AssembleInput {
  parentTree: readonly TreeFile[];
  commitTree: ReadonlyMap<string, TreeFile>;
  testPaths: readonly string[];
  solutionPaths: readonly string[];
  spec: string;
  maxFileBytes: number;
  /** `path:line` of findings the user allowed (`--allow-secret`): a test fixture the rules take for a secret. */
  allowSecrets?: ReadonlySet<string> | undefined;
}

/** Refuses the change when a hidden test, a solution file or the spec holds a secret; leaves secret-bearing fixture files out. */
export function assembleTask(input: AssembleInput): AssembleResult {
  const specSecret = findSecrets(input.spec)[0];
  if (specSecret) return { ok: false, reason: `secret in the commit message, spec line ${specSecret.line} (${specSecret.kind})` };
  const executable = { fixture: new Set<string>(), tests: new Set<string>(), solution: new Set<string>() };
  const pick = (paths: readonly string[], marks: Set<string>): Map<string, Buffer> | string => {
    const files = new Map<string, Buffer>();
    for (const path of paths) {
      const file = input.commitTree.get(path);
      const bytes = file?.bytes;
      if (!bytes || !isSafePath(path)) return `cannot read ${path} at the commit`;
      const secret = locateSecret(path, bytes, input.allowSecrets);
      // The way out named: the user who reads the line and finds a test's input, not a credential, keeps the change.
      if (secret) return `secret in ${secret}: --allow-secret ${secret.replace(/ \(.*$/, '')} keeps the change if it is no credential`;
      files.set(path, bytes);
      if (file?.mode === EXECUTABLE_MODE) marks.add(path);
    }
    return files;
  };
  const tests = pick(input.testPaths, executable.tests);
  if (typeof tests === 'string') return { ok: false, reason: tests };
  const solution = pick(input.solutionPaths, executable.solution);
  if (typeof solution === 'string') return { ok: false, reason: solution };
  const fixture = new Map<string, Buffer>();
  const leftOut: string[] = [];
  const byPath = new Map(input.parentTree.map((file) => [file.path, file]));
  for (const listed of input.parentTree) {
    // A link to a tracked file of the repository becomes a copy of that file (a task folder holds plain files only).
    const target = listed.mode === '120000' ? resolveRepoLink(listed, byPath) : undefined;
    const file = target ? { ...target, path: listed.path } : listed;
    const why = judgeFixtureFile(file, input.maxFileBytes, input.allowSecrets);
    if (why) leftOut.push(why);
    else if (file.bytes) fixture.set(file.path, file.bytes);
    if (!why && file.bytes && file.mode === EXECUTABLE_MODE) executable.fixture.add(file.path);
  }
  return { ok: true, task: { fixture, tests, solution, leftOut, executable } };
}
