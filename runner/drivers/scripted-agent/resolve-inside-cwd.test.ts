// Path checks of the scripted agent's tools: inside cwd is allowed, `..`, absolute paths and symlinks out are refused.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../kernel/index.js';
import { resolveInsideCwd } from './resolve-inside-cwd.js';
import { makeTempDir } from './test-fixtures/agent-test-helpers.js';

let root: string;
let cwd: string;
let remove: () => void;

beforeEach(() => {
  const temp = makeTempDir('resolve-inside');
  root = realpathSync(temp.dir);
  remove = temp.remove;
  cwd = join(root, 'work');
  mkdirSync(join(cwd, 'src'), { recursive: true });
  mkdirSync(join(root, 'outside'));
});
afterEach(() => remove());

function refusal(path: string): string {
  try {
    resolveInsideCwd(cwd, path);
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

describe('resolveInsideCwd', () => {
  it('allows absolute and relative paths inside cwd, also ones that do not exist yet', () => {
    expect(resolveInsideCwd(cwd, join(cwd, 'src/a.ts'))).toBe(join(cwd, 'src/a.ts'));
    expect(resolveInsideCwd(cwd, 'new/deep/b.ts')).toBe(join(cwd, 'new/deep/b.ts'));
    expect(resolveInsideCwd(cwd, 'src/../c.ts')).toBe(join(cwd, 'c.ts'));
  });

  it('refuses .., absolute paths elsewhere and a sibling folder sharing the prefix', () => {
    expect(refusal('../escape.txt')).toMatch(/expected a path inside the working directory .*, got \.\.\/escape\.txt/);
    expect(refusal('/etc/x')).toMatch(/got \/etc\/x/);
    mkdirSync(`${cwd}-sibling`);
    expect(refusal(`${cwd}-sibling/a.txt`)).toMatch(/expected a path inside/);
    expect(refusal('')).toMatch(/expected a file path, got an empty string/);
  });

  it('refuses a symlinked folder or file that points out of cwd, and a dangling link', () => {
    symlinkSync(join(root, 'outside'), join(cwd, 'out-dir'));
    expect(refusal('out-dir/new.txt')).toMatch(/really .*outside\/new\.txt/);
    writeFileSync(join(root, 'outside', 'secret.txt'), 'secret');
    symlinkSync(join(root, 'outside', 'secret.txt'), join(cwd, 'secret-link'));
    expect(refusal('secret-link')).toMatch(/expected a path inside/);
    symlinkSync(join(root, 'outside', 'missing.txt'), join(cwd, 'dangling'));
    expect(refusal('dangling')).toMatch(/symlink whose target does not exist/);
  });

  it('follows links that stay inside, and a cwd given through a symlink', () => {
    symlinkSync(join(cwd, 'src'), join(cwd, 'src-link'));
    expect(resolveInsideCwd(cwd, 'src-link/a.ts')).toBe(join(cwd, 'src', 'a.ts'));
    symlinkSync(cwd, join(root, 'work-link'));
    expect(resolveInsideCwd(join(root, 'work-link'), join(root, 'work-link', 'a.ts'))).toBe(join(cwd, 'a.ts'));
  });
});
