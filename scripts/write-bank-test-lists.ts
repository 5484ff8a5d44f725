// Maintainer's tool: verifies each task of the built-in bank (3 solution runs, 2 fixture runs) and writes the
// fail_to_pass, pass_to_pass and excluded tests it finds into that task's task.json. Run after changing a task:
//   node --import tsx scripts/write-bank-test-lists.ts [task-id ...]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTaskBank, verifyTask } from '../runner/index.js';

const bankDir = new URL('../task-bank/', import.meta.url).pathname;
const only = new Set(process.argv.slice(2));
for (const task of loadTaskBank(bankDir)) {
  if (only.size > 0 && !only.has(task.meta.id)) continue;
  // Derive afresh: the lists already stored must not decide which lists are found.
  const { fail_to_pass: _f, pass_to_pass: _p, excluded_tests: _e, ...meta } = task.meta;
  const verdict = await verifyTask({ ...task, meta }, { reruns: { solution: 3, fixture: 2 } });
  if (!verdict.ok) {
    process.stderr.write(`${task.meta.id}: not written, ${verdict.reason}\n`);
    process.exitCode = 1;
    continue;
  }
  const file = join(task.dir, 'task.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete stored.excluded_tests;
  const lists = { fail_to_pass: verdict.fail_to_pass, pass_to_pass: verdict.pass_to_pass };
  const excluded = verdict.excluded.length > 0 ? { excluded_tests: verdict.excluded } : {};
  writeFileSync(file, `${JSON.stringify({ ...stored, ...lists, ...excluded }, null, 2)}\n`);
  process.stdout.write(
    `${task.meta.id}: fail_to_pass ${verdict.fail_to_pass.length}, pass_to_pass ${verdict.pass_to_pass.length}, left out ${verdict.excluded.length}\n`,
  );
}
