// Steps of the resumed-quota spec: a run killed several times and resumed against an uninterrupted one, arm by arm and in the report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import { readJsonl } from './experiment-steps.js';
import type { TrackerWorld } from './world.js';

/**
 * Each arm's measurement in a data dir, keyed by the arm (`<plan>-aNNN-<provider>`: a redone arm's `-r2` is dropped):
 * the bars at both ends of its window (capacity, the weekly side, the sub-agent subscription's) and what it scored.
 */
function measureArms(world: TrackerWorld, dir: string): Map<string, string> {
  const rows = readJsonl(join(world.workDir, dir, 'windows.jsonl'));
  const dead = new Set(rows.filter((row) => row.kind === 'retraction').map((row) => String(row.target_id)));
  const arms = new Map<string, string>();
  for (const row of rows) {
    if (row.kind !== 'window' || dead.has(String(row.id))) continue;
    const arm = String(row.window_id).replace(/-r\d+$/, '');
    assert.ok(!arms.has(arm), `${dir}: two windows of arm ${arm}`);
    const measured = { capacity: row.capacity, subagent: row.subagent_capacity ?? null, outcome: row.outcome, quality: row.quality_score };
    arms.set(arm, JSON.stringify(measured));
  }
  return arms;
}

Then(
  'the data dirs {string} and {string} measured every arm with the same bars, outcome and quality',
  function (this: TrackerWorld, a: string, b: string) {
    const left = measureArms(this, a);
    const right = measureArms(this, b);
    assert.ok(left.size > 0, `no windows in ${a}`);
    assert.deepEqual([...right.keys()].sort(), [...left.keys()].sort(), `${a} and ${b} finished other arms`);
    const differ = [...left].filter(([arm, measured]) => right.get(arm) !== measured);
    const shown = differ.slice(0, 4).map(([arm, measured]) => `${arm}\n  ${a}: ${measured}\n  ${b}: ${right.get(arm)}`);
    assert.equal(
      differ.length,
      0,
      `${differ.length} of ${left.size} arms measured otherwise in ${b} than in ${a}, first:\n${shown.join('\n')}`,
    );
  },
);

/** The providers table of a report (the one with the column): provider -> that column's cell. */
function readReportColumn(world: TrackerWorld, dir: string, column: string): Map<string, string> {
  const lines = readFileSync(join(world.workDir, dir, 'reports', 'report.md'), 'utf8').split('\n');
  const cells = (line: string): string[] =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
  const at = lines.findIndex((line) => line.startsWith('| provider ') && cells(line).includes(column));
  assert.ok(at >= 0, `${dir}/reports/report.md has no providers table with a "${column}" column`);
  const index = cells(lines[at] as string).indexOf(column);
  const values = new Map<string, string>();
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    const row = cells(line);
    values.set(row[0] as string, row[index] as string);
  }
  return values;
}

Then(
  'the reports in {string} and {string} give every provider the same {string}',
  function (this: TrackerWorld, a: string, b: string, column: string) {
    const left = readReportColumn(this, a, column);
    assert.ok(left.size > 0, `no provider rows in ${a}/reports/report.md`);
    assert.deepEqual(Object.fromEntries(readReportColumn(this, b, column)), Object.fromEntries(left));
  },
);
