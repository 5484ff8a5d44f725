// Puts a task's hidden tests into an arm's work folder, as a tests/ folder or laid over the tree, never outside it.
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { copyPlainFile, copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { RUST_TEST_MODULE_SUFFIX, spliceRustTestModule } from './splice-rust-tests.js';

export type TestLayout = 'tests-dir' | 'overlay';

/**
 * Replaces whatever the agent left at the hidden tests' paths, so an agent cannot score by writing its own tests.
 * `tests-dir`: the work folder's tests/ becomes the hidden tests. `overlay`: each hidden file goes to its own relative
 * path; a symlink or file the agent left on the way is removed (unlinked, its target untouched) and a folder made.
 */
export function installHiddenTests(workDir: string, testsDir: string, layout: TestLayout = 'tests-dir'): void {
  const stat = lstatSync(workDir, { throwIfNoEntry: false });
  if (!stat?.isDirectory())
    throw new AppError('NOT_FOUND', `expected a work folder, got ${stat ? 'something else' : 'nothing'}`, { where: workDir });
  if (layout === 'tests-dir') {
    const target = join(workDir, 'tests');
    rmSync(target, { recursive: true, force: true }); // a symlink named tests is unlinked, its target left alone
    copyTreeWithoutSymlinks(testsDir, target);
    return;
  }
  overlayTree(testsDir, workDir, workDir);
}

function overlayTree(from: string, to: string, workDir: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (relative(workDir, target).startsWith('..'))
      throw new AppError('BAD_INPUT', 'expected a path inside the work folder', { where: target });
    const there = lstatSync(target, { throwIfNoEntry: false });
    if (entry.isDirectory()) {
      if (there && !there.isDirectory()) rmSync(target, { force: true }); // a symlink or a file where a folder goes
      mkdirSync(target, { recursive: true });
      overlayTree(source, target, workDir);
    } else if (entry.isFile() && entry.name.endsWith(RUST_TEST_MODULE_SUFFIX)) {
      spliceTestModule(source, target.slice(0, -RUST_TEST_MODULE_SUFFIX.length));
    } else {
      if (there && entry.isFile()) rmSync(target, { recursive: true, force: true });
      copyPlainFile(entry, source, target);
    }
  }
}

/**
 * A Rust unit-test module goes into its source file in place of the agent's (`src/lib.rs.cfg-test` into `src/lib.rs`).
 * The agent's file is read only when it is a plain file (a link it planted is not followed) and written anew.
 */
function spliceTestModule(moduleFile: string, target: string): void {
  const there = lstatSync(target, { throwIfNoEntry: false });
  const source = there?.isFile() ? readFileSync(target, 'utf8') : '';
  if (there) rmSync(target, { recursive: true, force: true });
  writeFileSync(target, spliceRustTestModule(source, readFileSync(moduleFile, 'utf8')));
}
