// Tells a missing module the repository provides itself (python-semver's tests/coerce.py, a TypeScript `./x.js`) from a package not installed.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { EnvironmentFailure, MissingModule } from './explain-environment.js';
import { isPathSpecifier } from './read-missing-module.js';
import { locateRepoPath, matchesTsconfigPaths, type RepoFiles, resolveRepoModule } from './resolve-repo-module.js';

export type { RepoFiles } from './resolve-repo-module.js';

/** A python module `a.b` is `a/b.py`, `a/b/__init__.py` or a folder `a/b/` at any depth (any folder may be on the test path). */
function matchPythonModule(name: string, paths: ReadonlySet<string>): string | undefined {
  const base = name.replaceAll('.', '/');
  for (const ending of [`${base}.py`, `${base}/__init__.py`])
    for (const path of paths) if (path === ending || path.endsWith(`/${ending}`)) return path;
  for (const path of paths) {
    if (path.startsWith(`${base}/`)) return base;
    const at = path.indexOf(`/${base}/`);
    if (at >= 0) return path.slice(0, at + 1 + base.length);
  }
  return undefined;
}

/**
 * The repository file that provides a missing module, or undefined: python's at any depth; node's as the repository's
 * TypeScript toolchain resolves it from the file that imported it (resolve-repo-module.ts), from any folder when the
 * tool did not say which file that was. `module.importer` must already be a repository path here.
 */
export function matchModulePath(module: MissingModule, files: RepoFiles): string | undefined {
  if (module.language === 'python') return matchPythonModule(module.name, files.paths);
  if (!module.name.startsWith('/')) return resolveRepoModule(module.name, module.importer, files);
  // An absolute path with no importer beside it: its folder is found in the repository by its tail.
  const folders = new Set([...files.paths].map((path) => posix.dirname(path)));
  const folder = locateRepoPath(posix.dirname(module.name), (tail) => folders.has(tail));
  return folder === undefined ? undefined : resolveRepoModule(`./${posix.basename(module.name)}`, posix.join(folder, 'index.ts'), files);
}

/** Whether a node module is the repository's own by its name alone: a path, or a tsconfig `paths` alias. */
function isOwnByName(module: MissingModule, files: RepoFiles): boolean {
  return isPathSpecifier(module.name) || matchesTsconfigPaths(module.name, module.importer, files);
}

/**
 * An environment failure whose missing module the repository provides (in the fixture, the solution or the hidden
 * tests) is not a package to install: its cause says where the module is, and it never stops an import (the next
 * commit may put it on the path). A node module the repository names as its own (a relative path, a tsconfig `paths`
 * alias) that no file provides is the commit's failure: `notProvided`. Others come back as they were.
 */
export function recogniseOwnModule(failure: EnvironmentFailure, roots: readonly string[]): EnvironmentFailure {
  if (failure.module === undefined) return failure;
  const files = readRepoFiles(roots);
  const located =
    failure.module.importer === undefined ? undefined : locateRepoPath(failure.module.importer, (tail) => files.paths.has(tail));
  const module: MissingModule = { ...failure.module, ...(located === undefined ? {} : { importer: located }) };
  if (located === undefined) delete module.importer;
  const own = matchModulePath(module, files);
  const what = `${module.language} module ${module.name}`;
  if (own !== undefined)
    return {
      ...failure,
      module,
      cause: `${what} is the repository's own (${own}), but the tests could not import it`,
      fix:
        module.language === 'python'
          ? "check that the test command puts the repository's folders on the test path as its own configuration does (pytest's pythonpath, rootdir), or give --test-command"
          : "check that the test command compiles TypeScript as the repository's own test script does (vitest, tsx, ts-node), or give --test-command",
      ownModule: own,
    };
  if (module.language === 'python' || !isOwnByName(module, files)) return { ...failure, module };
  const from = module.importer === undefined ? '' : `, imported from ${module.importer},`;
  return {
    ...failure,
    module,
    cause: `${what}${from} is the repository's own, but no file of the repository provides it at this commit`,
    fix: "nothing to install: the tests do not load at this commit (read the candidate's log); a file a build step makes needs that step as --setup-command",
    ownModule: module.importer === undefined ? module.name : posix.join(posix.dirname(module.importer), module.name),
    notProvided: true,
  };
}

/** The files under `roots`, each read from the first root that holds it (pass the solution's before the fixture's). */
export function readRepoFiles(roots: readonly string[]): RepoFiles {
  const where = new Map<string, string>();
  for (const root of roots) for (const path of listFiles(root)) if (!where.has(path)) where.set(path, root);
  return {
    paths: new Set(where.keys()),
    read: (path) => {
      const root = where.get(path);
      try {
        return root === undefined ? undefined : readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => {
      const stat = lstatSync(join(root, path));
      return stat.isFile() && !stat.isSymbolicLink();
    });
  } catch {
    return [];
  }
}
