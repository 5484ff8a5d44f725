// Tests of `experiment tasks import --time-limit`: an import stopped by its time limit still prints its summary, --json too.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildRepo } from '../../runner/task-import/test-fixtures/native-repos.js';
import { addGlobalOptions } from '../global-options.js';
import { createTasksImportCommand } from './experiment-tasks-import.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** Runs `experiment import ARGS` in this process; returns what it printed on stdout. */
async function runImport(args: string[]): Promise<string> {
  const program = addGlobalOptions(new Command('experiment')).exitOverride();
  program.addCommand(createTasksImportCommand().exitOverride());
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await program.parseAsync(['node', 'experiment', 'import', ...args]);
  return out;
}

describe('experiment tasks import --time-limit', () => {
  it('stops at the limit and prints the JSON summary: the task kept (in the bank), the stop and why', async () => {
    const root = mkdtempSync(join(tmpdir(), 'import-time-limit-'));
    roots.push(root);
    const repo = join(root, 'repo');
    await buildRepo(repo, [
      { message: 'Start', write: { 'package.json': '{"type":"module"}\n', 'src/a.js': 'export const a = 1;\n' } },
      {
        message: 'Add wait\n\nwait() resolves once the work is done.',
        write: {
          'src/wait.js': 'export const wait = () => new Promise(() => {});\n',
          // Never ends: the import is still verifying this candidate when its time limit comes.
          'test/wait.test.js':
            "import { test } from 'node:test';\ntest('waits', async () => {\n  await new Promise((resolve) => setTimeout(resolve, 600_000));\n});\n",
        },
      },
      {
        message: 'Add double\n\ndouble(n) returns twice n.',
        write: {
          'src/double.js': 'export const double = (n) => 2 * n;\n',
          'test/double.test.js':
            "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { double } from '../src/double.js';\ntest('double', () => assert.equal(double(2), 4));\n",
        },
      },
    ]);
    const bank = join(root, 'bank');
    const args = ['--repo', repo, '--out', bank, '--no-isolation', '--reruns', '1', '--jobs', '1', '--time-limit', '20s'];
    const out = await runImport([...args, '--json', '--data-dir', join(root, 'data')]);
    const summary = JSON.parse(out);
    expect(summary.kept.map((task: { id: string }) => task.id)).toEqual([expect.stringMatching(/^add-double-[0-9a-f]{7}$/)]);
    expect(readdirSync(bank).filter((name) => !name.startsWith('.'))).toEqual([summary.kept[0].id]);
    // The candidate under way at the limit is dropped, not judged: its runs were killed.
    expect(summary).toMatchObject({ examined: 1, commits: 3, rejected: [], rejected_by_reason: [] });
    expect(summary.stopped).toEqual({ by: 'time-limit', cause: 'the time limit of 20s (--time-limit) was reached' });
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('refuses a limit that is not a duration, naming the flag', async () => {
    await expect(runImport(['--repo', '.', '--time-limit', 'soon'])).rejects.toThrow(
      /^expected a duration from 1s to 24h such as 90s, 5m or 1h, got "soon"$/,
    );
  });
});
