// Steps that take a run's previews out, as a kill before they were written leaves the ledger, and compare what a resume records.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

/** Everything of a preview row but what says when and by whom it was written. */
function readFigures(row: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ts: _ts, agent_id: _agent, tool_version: _tool, ...figures } = row;
  return figures;
}

const takenOut = new WeakMap<TrackerWorld, Map<number, Record<string, unknown>>>();

When(
  'the preview rows are taken out of {string}, as a run killed before it wrote them leaves it',
  function (this: TrackerWorld, name: string) {
    const file = join(this.dataDir, name);
    const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const kept: string[] = [];
    const out = new Map<number, Record<string, unknown>>();
    for (const line of rows) {
      const row = JSON.parse(line) as Record<string, unknown>;
      if (row.kind === 'preview' && typeof row.period === 'number') out.set(row.period, readFigures(row));
      else kept.push(line);
    }
    assert.ok(out.size > 0, 'no period preview to take out');
    writeFileSync(file, kept.length === 0 ? '' : `${kept.join('\n')}\n`);
    takenOut.set(this, out);
  },
);

Then('each preview row has the figures of the one taken out for its period', function (this: TrackerWorld) {
  const out = takenOut.get(this);
  assert.ok(out, 'nothing was taken out');
  const rows = this.readRows('previews.jsonl').filter((row) => row.kind === 'preview');
  assert.deepEqual(
    rows.map((row) => row.period),
    [...out.keys()].sort((a, b) => a - b),
  );
  for (const row of rows) assert.deepEqual(readFigures(row), out.get(row.period as number), `period ${String(row.period)}`);
});
