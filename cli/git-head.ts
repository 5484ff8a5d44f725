// The HEAD commit of the working directory's git repository, if there is one: read from .git's files, git asked otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/**
 * GIT_* variables that cannot move the repository nor change what HEAD names (git(1), ENVIRONMENT VARIABLES): transport,
 * prompts, identity, tracing. Any other (GIT_DIR, GIT_WORK_TREE, GIT_COMMON_DIR, GIT_CEILING_DIRECTORIES,
 * GIT_NAMESPACE, GIT_CONFIG_*: config can allow another user's repository) is git's to apply.
 */
const HARMLESS_GIT_VARIABLE =
  /^GIT_(?:SSL_|HTTP_|CURL_|SSH|ASKPASS$|TERMINAL_PROMPT$|EDITOR$|SEQUENCE_EDITOR$|PAGER$|AUTHOR_|COMMITTER_|TRACE|PROXY_|FLUSH$|OPTIONAL_LOCKS$|PROTOCOL_FROM_USER$|ALLOW_PROTOCOL$|MERGE_|EXTERNAL_DIFF$)/;

/**
 * A capture records where the repository was. Asking git costs a capture about a twentieth of its start-up (a fork
 * and git's own start: docs/decisions/0038-own-uuid-v7.md), so the common layouts are read from the files, as git
 * itself resolves them (gitrepository-layout(5)): `.git` a folder or a `gitdir:` file (a worktree, a submodule), HEAD
 * a sha or `ref: refs/...`, the ref loose or in packed-refs, in the common dir. Anything else (GIT_* variables that
 * move the repository, reftable, a ref that points at a ref, a repository another user owns, which git refuses as
 * "dubious ownership") is git's to answer.
 */
export function readGitHead(cwd: string = process.cwd()): string | undefined {
  const fromFiles = readHeadFromFiles(cwd);
  return fromFiles === 'ask git' ? askGit(cwd) : fromFiles;
}

function readHeadFromFiles(cwd: string): string | undefined | 'ask git' {
  if (Object.keys(process.env).some((key) => key.startsWith('GIT_') && !HARMLESS_GIT_VARIABLE.test(key))) return 'ask git';
  try {
    const found = findDotGit(resolve(cwd));
    if (found === 'ask git') return 'ask git';
    if (found === null) return undefined;
    const gitDir = statSync(found).isDirectory() ? found : readGitDirFile(found);
    if (gitDir === null || statSync(gitDir).uid !== process.getuid?.()) return 'ask git';
    const commonFile = join(gitDir, 'commondir');
    const commonDir = existsSync(commonFile) ? resolve(gitDir, readFileSync(commonFile, 'utf8').trim()) : gitDir;
    if (existsSync(join(commonDir, 'reftable'))) return 'ask git';
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (SHA.test(head)) return head;
    const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (ref === undefined) return 'ask git';
    const loose = join(commonDir, ref);
    if (existsSync(loose)) {
      const sha = readFileSync(loose, 'utf8').trim();
      return SHA.test(sha) ? sha : 'ask git';
    }
    return readPackedRef(commonDir, ref);
  } catch {
    return 'ask git';
  }
}

/**
 * The nearest `.git` at or above `dir` (folder or file), as git's discovery walks up; null when there is none. A folder
 * that is itself a repository (a bare one: HEAD, objects/, refs/) or a step onto another file system (where git stops
 * unless told otherwise) is git's to judge.
 */
function findDotGit(dir: string): string | null | 'ask git' {
  const device = statSync(dir).dev;
  for (let at = dir; ; at = dirname(at)) {
    if (statSync(at).dev !== device) return 'ask git';
    const candidate = join(at, '.git');
    if (existsSync(candidate)) return candidate;
    if (['HEAD', 'objects', 'refs'].every((part) => existsSync(join(at, part)))) return 'ask git';
    if (dirname(at) === at) return null;
  }
}

/** A `.git` file's `gitdir: PATH` (relative to the file's folder), or null when it says something else. */
function readGitDirFile(file: string): string | null {
  const path = /^gitdir: (.+)$/m.exec(readFileSync(file, 'utf8'))?.[1]?.trim();
  return path === undefined ? null : resolve(dirname(file), path);
}

/** A branch's sha in packed-refs; undefined for a branch with no commit yet (git's `--verify HEAD` fails there too). */
function readPackedRef(commonDir: string, ref: string): string | undefined | 'ask git' {
  const packed = join(commonDir, 'packed-refs');
  if (!existsSync(packed)) return undefined;
  for (const line of readFileSync(packed, 'utf8').split('\n')) {
    const [sha, name] = line.split(' ');
    if (name === ref) return sha !== undefined && SHA.test(sha) ? sha : 'ask git';
  }
  return undefined;
}

function askGit(cwd: string): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    })
      .toString()
      .trim();
    return SHA.test(head) ? head : undefined;
  } catch {
    return undefined;
  }
}
