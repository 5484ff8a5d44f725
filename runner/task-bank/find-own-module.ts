// Tells a missing module the repository provides itself (python-semver's tests/coerce.py) from a package not installed.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentFailure } from './explain-environment.js';

const PYTHON_MISSING = /^python module ([\w.]+) is not installed$/;
const NODE_MISSING = /^node module (\.{1,2}\/[^\s]+) is not installed$/;
/** Either missing cause, or one recogniseOwnModule already named as the repository's own. */
const PYTHON_NAMED = /^python module ([\w.]+) (?:is not installed|is the repository's own)/;
const NODE_NAMED = /^node module (\.{1,2}\/[^\s]+) (?:is not installed|is the repository's own)/;

/**
 * The repository file that provides a module, among `paths` (any folder may be on the test path): python `a.b` is
 * `a/b.py` or `a/b/__init__.py` or a folder `a/b/` at any depth; a relative node module `./x` is `x`, `x.js`, `x.ts`,
 * `x/index.js` and the like at any depth. undefined when no path provides it.
 */
export function matchModulePath(cause: string, paths: readonly string[]): string | undefined {
  const python = PYTHON_NAMED.exec(cause)?.[1];
  const node = NODE_NAMED.exec(cause)?.[1];
  if (python === undefined && node === undefined) return undefined;
  const endings =
    python !== undefined
      ? [`${python.replaceAll('.', '/')}.py`, `${python.replaceAll('.', '/')}/__init__.py`, `${python.replaceAll('.', '/')}/`]
      : ['', '.js', '.cjs', '.mjs', '.ts', '.json', '/index.js', '/index.ts'].map(
          (ext) => `${(node as string).replace(/^(?:\.{1,2}\/)+/, '')}${ext}`,
        );
  for (const ending of endings)
    for (const path of paths) {
      if (path === ending || path.endsWith(`/${ending}`)) return path;
      if (ending.endsWith('/') && (path.startsWith(ending) || path.includes(`/${ending}`)))
        return path.slice(0, path.indexOf(ending) + ending.length - 1);
    }
  return undefined;
}

/**
 * An environment failure whose missing module the repository provides (in the fixture or the hidden tests) is not a
 * package to install: its cause says where the module is, and it never stops an import (the next commit may put it on
 * the path). Others come back as they were.
 */
export function recogniseOwnModule(failure: EnvironmentFailure, roots: readonly string[]): EnvironmentFailure {
  if (!PYTHON_MISSING.test(failure.cause) && !NODE_MISSING.test(failure.cause)) return failure;
  const own = matchModulePath(failure.cause, roots.flatMap(listFiles));
  if (own === undefined) return failure;
  const what = failure.cause.replace(/ is not installed$/, '');
  return {
    ...failure,
    cause: `${what} is the repository's own (${own}), but the tests could not import it`,
    fix: "check that the test command puts the repository's folders on the test path as its own configuration does (pytest's pythonpath, rootdir), or give --test-command",
    ownModule: own,
  };
}

function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => !lstatSync(join(root, path)).isSymbolicLink());
  } catch {
    return [];
  }
}
