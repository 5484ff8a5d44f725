// Which changed Rust sources carry unit tests (`#[cfg(test)] mod`) that the change touched, and those modules' text.
import { readRustTestModule, stripRustTestModule } from '../acceptance/splice-rust-tests.js';
import type { ChangedFile, RustTestChanges } from './judge-change.js';
import { readTree } from './read-candidate.js';

export interface RustTestModules extends RustTestChanges {
  /** The commit's test module of each file in `modules`, by source path. */
  texts: Map<string, string>;
}

/**
 * Reads the parent's and the commit's version of each changed `.rs` file that is not under tests/ and compares their
 * `#[cfg(test)]` modules and the code around them. Without this, unit tests in the source file were never seen as tests,
 * so a Rust crate whose tests all live there yielded nothing.
 */
export async function readRustTestModules(
  repo: string,
  parent: string,
  commit: string,
  files: readonly ChangedFile[],
): Promise<RustTestModules> {
  const found: RustTestModules = { modules: new Set(), testOnly: new Set(), texts: new Map() };
  const paths = files
    .filter((file) => file.path.endsWith('.rs') && !file.path.startsWith('tests/') && file.status !== 'D')
    .map((file) => file.path);
  if (paths.length === 0) return found;
  const only = new Set(paths);
  const read = async (rev: string) =>
    new Map(
      (await readTree(repo, rev, only))
        .filter((file) => only.has(file.path))
        .map((file) => [file.path, file.bytes?.toString('utf8') ?? '']),
    );
  const [before, after] = [await read(parent), await read(commit)];
  for (const path of paths) {
    const old = before.get(path) ?? '';
    const now = after.get(path) ?? '';
    const module = readRustTestModule(now);
    if (module === null || module === readRustTestModule(old)) continue;
    (found.modules as Set<string>).add(path);
    found.texts.set(path, module);
    if (stripRustTestModule(now) === stripRustTestModule(old)) (found.testOnly as Set<string>).add(path);
  }
  return found;
}
