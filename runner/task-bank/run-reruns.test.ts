// How many times verifyTask runs a task's tests: as few as settle the verdict for a rejected task, all reruns for a kept one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaskBank } from './load-task-bank.js';
import { verifyTask } from './verify-task.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-reruns-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A node task whose test appends one line, `<part>`, to a log each time it runs; `two()` returns what the part says. */
function writeCountedTask(id: string, fixtureTwo: number, stored: Record<string, unknown> = {}): string {
  const dir = join(scratch, 'bank', id);
  const log = join(scratch, `${id}.log`);
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part, 'src'), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), `# ${id}\n`);
  const meta = { id, title: id, estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'javascript', ...stored };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(meta));
  writeFileSync(join(dir, 'fixture', 'src', 'two.js'), `export const two = () => ${fixtureTwo};\nexport const part = 'fixture';\n`);
  writeFileSync(join(dir, 'solution', 'src', 'two.js'), "export const two = () => 2;\nexport const part = 'solution';\n");
  writeFileSync(
    join(dir, 'tests', 'two.test.js'),
    `import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { appendFileSync } from 'node:fs';\nimport { two, part } from '../src/two.js';\nappendFileSync(${JSON.stringify(log)}, part + '\\n');\ntest('two', () => assert.equal(two(), 2));\n`,
  );
  return log;
}

const alreadyDone = writeCountedTask('already-done', 2);
const sound = writeCountedTask('sound', 1);
const storedLists = writeCountedTask('stored-lists', 2, { fail_to_pass: ['two'], pass_to_pass: [] });
const tasks = loadTaskBank(join(scratch, 'bank'));
const byId = (id: string) => tasks.find((task) => task.meta.id === id)!;
const runsIn = (log: string): string[] => readFileSync(log, 'utf8').trim().split('\n');

describe('verification reruns', () => {
  it('stop after one solution and one fixture run once no test can fail before and pass after', async () => {
    const verdict = await verifyTask(byId('already-done'), { parentDir: scratch });
    expect(verdict.ok).toBe(false);
    expect(verdict.pass_to_pass).toEqual(['two']);
    expect(runsIn(alreadyDone)).toEqual(['solution', 'fixture']); // 5 before: 3 on the solution, 2 on the fixture
  });

  it('all run for a task that is kept: every rerun could have shown it flaky', async () => {
    const verdict = await verifyTask(byId('sound'), { parentDir: scratch });
    expect(verdict).toMatchObject({ ok: true, fail_to_pass: ['two'] });
    expect(runsIn(sound)).toEqual(['solution', 'fixture', 'solution', 'fixture', 'solution']);
  });

  it('all run for stored lists, which are judged by their worst run', async () => {
    const verdict = await verifyTask(byId('stored-lists'), { parentDir: scratch });
    expect(verdict).toMatchObject({ ok: false, lists: 'stored', noop: 1 });
    expect(runsIn(storedLists)).toHaveLength(5);
  });
});
