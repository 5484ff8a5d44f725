// Which changed Go test files lie in a module nested below the root (a folder with a go.mod of its own).
import { posix } from 'node:path';
import { listTree } from './read-git.js';

/**
 * The root module's `go test ./pkg` cannot run a nested module's packages ("main module does not contain package
 * .../benchmark"): buger/jsonparser's `benchmark/` has its own go.mod, and each commit touching its tests failed
 * as an environment failure, 3 of them stopping the import after 35 of 189 candidates (issue 52, item 4). Those
 * files stay as the fixture has them; the root module's changed tests are the task's.
 */
export async function splitNestedGoTests(
  repo: string,
  commit: string,
  tests: readonly string[],
): Promise<{ kept: string[]; nested: Map<string, string[]> }> {
  const nested = new Map<string, string[]>();
  if (!tests.some((path) => path.endsWith('.go'))) return { kept: [...tests], nested };
  const modules = listNestedGoModules((await listTree(repo, commit)).map((entry) => entry.path));
  const kept: string[] = [];
  for (const path of tests) {
    const module = findNestedGoModule(path, modules);
    if (module === undefined || !path.endsWith('.go')) kept.push(path);
    else nested.set(module, [...(nested.get(module) ?? []), path]);
  }
  return { kept, nested };
}

/** The folders below the root that hold a `go.mod` of their own: each another module. */
export function listNestedGoModules(paths: Iterable<string>): string[] {
  return [...paths].filter((path) => path.endsWith('/go.mod')).map((path) => posix.dirname(path));
}

/** The innermost nested module `path` lies in, or undefined for the root module's files. */
export function findNestedGoModule(path: string, modules: readonly string[]): string | undefined {
  return modules.filter((dir) => path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0];
}
