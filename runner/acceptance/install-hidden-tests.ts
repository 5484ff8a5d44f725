// Puts a task's hidden tests into an arm's work folder, as a tests/ folder or laid over the tree, never outside it.
import { copyFileSync, chmodSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';

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
    } else if (entry.isFile()) {
      if (there) rmSync(target, { recursive: true, force: true });
      copyFileSync(source, target);
      chmodSync(target, lstatSync(source).mode & 0o777);
    } else {
      throw new AppError(
        'BAD_INPUT',
        `expected only plain files and folders, got ${entry.isSymbolicLink() ? 'a symlink' : 'a special file'}`,
        {
          where: source,
        },
      );
    }
  }
}
