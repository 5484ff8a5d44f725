// Reading a task's solution: every file, sorted by relative path, nothing outside the solution folder, bad ids refused.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTaskId } from './find-task-id.js';
import { listSolutionFiles } from './list-solution-files.js';
import { resolveTasksDir } from './resolve-tasks-dir.js';
import { makeTaskBank, TEMP_BANK_FILES } from './test-fixtures/make-task-bank.js';

const bank = makeTaskBank();
afterAll(() => rmSync(bank, { recursive: true, force: true }));

describe('listSolutionFiles', () => {
  it('lists files in sub-folders, sorted by relative path, with their text', () => {
    const files = listSolutionFiles(bank, 'two-files');
    expect(files?.map((file) => file.rel)).toEqual(['src/lib/deep/a.js', 'src/main.js']);
    expect(files?.[1]?.content).toBe(TEMP_BANK_FILES['two-files']!['src/main.js']);
  });

  it('follows a symlink only to a file inside the solution folder', () => {
    const secret = join(bank, 'secret.txt');
    writeFileSync(secret, 'outside');
    const solution = join(bank, 'linked', 'solution');
    mkdirSync(join(solution, 'sub'), { recursive: true });
    writeFileSync(join(solution, 'sub', 'real.js'), 'real\n');
    symlinkSync(secret, join(solution, 'escape.txt'));
    symlinkSync(join(solution, 'sub', 'real.js'), join(solution, 'alias.js'));
    symlinkSync(bank, join(solution, 'loop'));
    expect(listSolutionFiles(bank, 'linked')).toEqual([
      { rel: 'alias.js', content: 'real\n' },
      { rel: 'sub/real.js', content: 'real\n' },
    ]);
  });

  it('gives null for an unknown task or an id that is not a task id', () => {
    expect(listSolutionFiles(bank, 'no-such-task')).toBeNull();
    expect(listSolutionFiles(join(bank, 'two-files'), '..')).toBeNull();
  });
});

describe('findTaskId', () => {
  it('takes the first "Task id:" line and validates it', () => {
    expect(findTaskId('{"content":"Do it.\\nTask id: lru-cache-ttl\\n# spec\\nTask id: other-task"}')).toBe('lru-cache-ttl');
    expect(findTaskId('Task id: ab')).toBeNull();
    expect(findTaskId('no id at all')).toBeNull();
  });
});

describe('resolveTasksDir', () => {
  it('refuses a missing folder or a file with what it expected and what it got', () => {
    expect(resolveTasksDir(bank)).toBe(bank);
    expect(() => resolveTasksDir(join(bank, 'missing'), '--solve')).toThrow(
      /expected an existing task-bank folder .* which does not exist/,
    );
    writeFileSync(join(bank, 'a-file'), 'x');
    expect(() => resolveTasksDir(join(bank, 'a-file'))).toThrow(/which is a file/);
    const empty = mkdtempSync(join(tmpdir(), 'empty-bank-'));
    expect(resolveTasksDir(empty)).toBe(empty);
    rmSync(empty, { recursive: true });
  });
});
