// Steps of the failover arm spec: what the run's proxy moved, which back end answered the portfolio, how it was priced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

type Row = Record<string, unknown>;

function readRows(world: TrackerWorld, file: string): Row[] {
  return readFileSync(join(world.dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

Then(
  "the proxy moved {string}'s work to {string} after a refusal of its five_hour window",
  function (this: TrackerWorld, portfolio: string, next: string) {
    const state = JSON.parse(readFileSync(join(this.dataDir, 'proxy_failover.json'), 'utf8')) as {
      chain: string[];
      moves: number;
      last: Row | null;
    };
    assert.deepEqual(state.chain, [portfolio, next]);
    assert.ok(state.moves >= 1, `expected at least one move, got ${JSON.stringify(state)}`);
    assert.equal(state.last?.from, portfolio, JSON.stringify(state.last));
    assert.equal(state.last?.to, next, JSON.stringify(state.last));
    assert.equal(state.last?.trigger, 'rejected', JSON.stringify(state.last));
    assert.equal(state.last?.bar, 'five_hour', JSON.stringify(state.last));
  },
);

Then(
  "the requests of {string}'s windows were answered by both {string} and {string}, the moved ones marked",
  function (this: TrackerWorld, portfolio: string, head: string, next: string) {
    const rows = readRows(this, 'proxy_telemetry.jsonl').filter((row) => String(row.window_id).endsWith(`-${portfolio}`));
    const byBackend = (name: string) => rows.filter((row) => row.backend_provider === name && row.status === 200);
    assert.ok(byBackend(head).length > 0, `no answer of ${head} in ${portfolio}'s windows: ${JSON.stringify(rows)}`);
    const moved = byBackend(next);
    assert.ok(moved.length > 0, `no answer of ${next} in ${portfolio}'s windows: ${JSON.stringify(rows)}`);
    for (const row of moved) {
      assert.equal(row.failover_from, head, JSON.stringify(row));
      assert.equal((row.failover_reason as Row | undefined)?.trigger, 'rejected', JSON.stringify(row));
    }
    // Nothing else answered them: no request of the portfolio went anywhere but its two back ends.
    assert.deepEqual(
      [...new Set(rows.map((row) => row.backend_provider))].sort(),
      [head, next].sort(),
      `back ends of ${portfolio}'s windows: ${JSON.stringify(rows.map((row) => row.backend_provider))}`,
    );
  },
);

Then(
  "a window of {string} priced its moved requests' share of {string} under plan {string}",
  function (this: TrackerWorld, portfolio: string, next: string, plan: string) {
    const windows = readRows(this, 'windows.jsonl').filter((row) => row.provider === portfolio && row.subagent_capacity !== undefined);
    const moved = windows.find((row) => {
      const second = row.subagent_capacity as { provider: string; route?: string; five_hour?: { delta: number | null } };
      return second.provider === next && second.route === 'failover' && (second.five_hour?.delta ?? 0) > 0;
    });
    assert.ok(moved, `no window of ${portfolio} whose ${next} bars moved: ${JSON.stringify(windows.map((row) => row.subagent_capacity))}`);
    assert.equal((moved.subagent_capacity as { subscription?: { plan: string } }).subscription?.plan, plan);
  },
);

Then('the report prices {string} in dollars of subscription', function (this: TrackerWorld, provider: string) {
  const report = readFileSync(join(this.dataDir, 'reports', 'report.md'), 'utf8');
  // The primary analysis's table: provider, tasks, correct work, $ of subscription, work per $, ...
  const row = report
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .find((cells) => cells[1] === provider && /^\d+$/.test(cells[2] ?? ''));
  assert.ok(row, `no row of ${provider} in the report's primary analysis:\n${report.slice(0, 3000)}`);
  assert.match(row[4] ?? '', /^\$\d/, `expected ${provider}'s dollars of subscription, got ${JSON.stringify(row)}`);
  assert.match(row[5] ?? '', /^\d/, `expected ${provider}'s work per $, got ${JSON.stringify(row)}`);
});
