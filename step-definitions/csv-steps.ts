// Steps that read the CSV ledgers as a person's spreadsheet would, and compare churn with git itself.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import { parse } from 'csv-parse/sync';
import { execa } from 'execa';
import { commitsOf, commitFile } from './git-steps.js';
import type { TrackerWorld } from './world.js';

function readRecords(world: TrackerWorld, file: string): Record<string, string>[] {
  const path = world.ledgerFile(file);
  return existsSync(path) ? (parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[]) : [];
}

Given(
  'a commit adds {int} lines to {string} and removes {int} line from {string}',
  async function (this: TrackerWorld, added: number, file: string, _removed: number, other: string) {
    const path = join(this.workDir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Array.from({ length: added }, (_, i) => `export const line${i} = ${i};\n`).join(''));
    writeFileSync(join(this.workDir, other), '');
    await commitFile(this, [file, other], 'second');
  },
);

Then('{string} has {int} record(s)', function (this: TrackerWorld, file: string, count: number) {
  assert.equal(readRecords(this, file).length, count);
});

Then(
  'record {int} of {string} has {string} = {string}',
  function (this: TrackerWorld, index: number, file: string, column: string, expected: string) {
    assert.equal(readRecords(this, file)[index - 1]?.[column], expected);
  },
);

Then(
  'record {int} of {string} matches git diff --numstat from the first commit to the second',
  async function (this: TrackerWorld, index: number, file: string) {
    const [first, second] = commitsOf(this);
    assert.ok(first && second, 'two commits were not made in this scenario');
    const { stdout } = await execa('git', ['diff', '--numstat', '--no-renames', first, second], { cwd: this.workDir });
    const lines = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'));
    const record = readRecords(this, file)[index - 1];
    assert.ok(record, `${file} has no record ${index}`);
    assert.equal(record.commit_start, first);
    assert.equal(record.commit_end, second);
    assert.equal(Number(record.files_changed), lines.length);
    assert.equal(
      Number(record.insertions),
      lines.reduce((sum, [added]) => sum + Number(added), 0),
    );
    assert.equal(
      Number(record.deletions),
      lines.reduce((sum, [, removed]) => sum + Number(removed), 0),
    );
  },
);
