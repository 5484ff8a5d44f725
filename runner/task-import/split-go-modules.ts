// Which Go modules a change's tests lie in, and the workspace (go.work) that runs a nested module's tests from the root.
import { posix } from 'node:path';
import { listTree, readCommitFiles } from './read-git.js';
import { makeTreeFile, type TreeFile } from './assemble-task.js';

export interface GoModulePlan {
  /** The changed test files the task runs: the root module's, and a nested module's where it can run. */
  tests: string[];
  /** A hidden `go.work` using the root and each nested module the tests lie in; absent when none does. */
  workspace?: TreeFile;
  /** Why the other nested modules' tests stay as the fixture has them (empty when none). */
  setAside: string[];
}

/**
 * The root module's `go test ./pkg` cannot name a nested module's packages ("main module does not contain package
 * .../benchmark"; buger/jsonparser's `benchmark/` has its own go.mod). A workspace can: with a
 * `go.work` using both (go 1.18+, https://go.dev/ref/mod#workspaces) the same command runs each package in its own
 * module, with that module's own requirements. go 1.19 has no `go test -C`, and one command keeps one report.
 * A nested module that requires others runs only when they can be fetched (`--setup-network`); else its tests are
 * set aside, named, and never become an environment failure that stops the import.
 */
export async function planGoModules(repo: string, commit: string, tests: readonly string[], network: boolean): Promise<GoModulePlan> {
  if (!tests.some((path) => path.endsWith('.go'))) return { tests: [...tests], setAside: [] };
  const paths = (await listTree(repo, commit)).map((entry) => entry.path);
  const modules = listNestedGoModules(paths);
  const byModule = new Map<string, string[]>();
  const plan: GoModulePlan = { tests: [], setAside: [] };
  for (const path of tests) {
    const module = path.endsWith('.go') ? findNestedGoModule(path, modules) : undefined;
    if (module === undefined) plan.tests.push(path);
    else byModule.set(module, [...(byModule.get(module) ?? []), path]);
  }
  if (byModule.size === 0) return plan;
  // A repository's own workspace is how its developers run every module: its go.work stays, nothing is added.
  const tracked = paths.includes('go.work');
  const mods = await readCommitFiles(repo, commit, ['go.mod', ...[...byModule.keys()].map((dir) => `${dir}/go.mod`)]);
  if (!tracked && !mods.has('go.mod')) return setAsideAll(plan, byModule, 'the root has no go.mod to make a workspace with');
  const used: string[] = [];
  for (const [dir, files] of byModule) {
    const requires = /^\s*require\b/m.test(mods.get(`${dir}/go.mod`) ?? '');
    if (requires && !network) plan.setAside.push(`${dir}/go.mod requires modules the sandbox cannot fetch without --setup-network`);
    else {
      used.push(dir);
      plan.tests.push(...files);
    }
  }
  if (used.length === 0 || tracked) return plan;
  // The go line counts the root and the modules used, never one set aside (a newer go there would make go fetch a toolchain).
  const usedMods = ['go.mod', ...used.map((dir) => `${dir}/go.mod`)].map((path) => mods.get(path) ?? '');
  return { ...plan, workspace: writeWorkspace(used, usedMods) };
}

function setAsideAll(plan: GoModulePlan, byModule: Map<string, string[]>, why: string): GoModulePlan {
  return { ...plan, setAside: [...byModule.keys()].map((dir) => `${dir}/go.mod: ${why}`) };
}

/**
 * `go.work` names a go version no lower than any module it uses (go 1.21+ refuses less) and no lower than 1.18, the
 * first with workspaces.
 */
function writeWorkspace(dirs: readonly string[], mods: readonly string[]): TreeFile {
  const versions = ['1.18', ...mods.flatMap((text) => /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text)?.[1] ?? [])];
  const go = versions.sort(compareGoVersions).at(-1) as string;
  const text = `go ${go}\n\nuse (\n\t.\n${[...dirs]
    .sort()
    .map((dir) => `\t./${dir}\n`)
    .join('')})\n`;
  return makeTreeFile('go.work', text);
}

function compareGoVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let at = 0; at < 3; at += 1) {
    const diff = (x?.[at] ?? 0) - (y?.[at] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The folders below the root that hold a `go.mod` of their own: each another module. */
export function listNestedGoModules(paths: Iterable<string>): string[] {
  return [...paths].filter((path) => path.endsWith('/go.mod')).map((path) => posix.dirname(path));
}

/** The innermost nested module `path` lies in, or undefined for the root module's files. */
export function findNestedGoModule(path: string, modules: readonly string[]): string | undefined {
  return modules.filter((dir) => path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0];
}
