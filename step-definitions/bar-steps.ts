// Steps of the bar specs: quota answers and readings timed relative to now (a projection needs a live bar), and alert output.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, type DataTable } from '@cucumber/cucumber';
import { recordReadings } from '../ledger/index.js';
import { startStub } from './quota-steps.js';
import type { TrackerWorld } from './world.js';

const HOUR_MS = 3_600_000;

Given(
  'the claude quota endpoint answers a 5h bar at {int}% resetting in {int} hours',
  async function (this: TrackerWorld, pct: number, hours: number) {
    const body = JSON.stringify({
      five_hour: { utilization: pct, resets_at: new Date(Date.now() + hours * HOUR_MS).toISOString() },
      seven_day: { utilization: 7, resets_at: new Date(Date.now() + 72 * HOUR_MS).toISOString() },
      seven_day_opus: null,
      seven_day_sonnet: null,
    });
    await startStub(this, 'claude', (res, path) => {
      res.writeHead(path === '/api/oauth/usage' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body);
    });
  },
);

/** Rows as `tracker quota --record` writes them: | minutes ago | used_pct |, the bar resetting `hours` from now. */
Given(
  'the ledger holds claude quota readings of the 5h bar resetting in {int} hours:',
  function (this: TrackerWorld, hours: number, table: DataTable) {
    recordClaudeReadings(this, hours, table, 'quota');
  },
);

/** The same rows as `tracker statusline` writes them (source automation, Claude Code's statusLine format). */
Given(
  'the ledger holds claude status-line readings of the 5h bar resetting in {int} hours:',
  function (this: TrackerWorld, hours: number, table: DataTable) {
    recordClaudeReadings(this, hours, table, 'automation');
  },
);

function recordClaudeReadings(world: TrackerWorld, hours: number, table: DataTable, source: 'quota' | 'automation'): void {
  const resets = new Date(Date.now() + hours * HOUR_MS).toISOString();
  const requests = table.hashes().map((row) => ({
    provider: 'claude',
    format: source === 'quota' ? 'quota-claude' : 'claude-statusline',
    capturedAt: new Date(Date.now() - Number(row['minutes ago']) * 60_000),
    bars: { five_hour: { used_pct: Number(row.used_pct), resets_at: resets } },
  }));
  world.withLedgerEnv(() => recordReadings(world.dataDir, { agentId: 'main', source }, requests));
}

Then('the file {string} has {int} line(s) matching {string}', function (this: TrackerWorld, name: string, count: number, pattern: string) {
  const path = join(this.workDir, name);
  const lines = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
    : [];
  assert.equal(lines.length, count, `${name} holds:\n${lines.join('\n')}`);
  for (const line of lines) assert.match(line, new RegExp(pattern), `${name} holds:\n${lines.join('\n')}`);
});

/** A reading whose provider came from outside (a hand-edited or foreign ledger): `provider` is JSON-unescaped, so \u001b is ESC. */
Given(
  'a reading from a minute ago of a 5h bar at {int}% whose provider is {string}',
  function (this: TrackerWorld, pct: number, provider: string) {
    const name = JSON.parse(`"${provider}"`) as string;
    const request = {
      provider: name,
      format: 'quota-claude',
      capturedAt: new Date(Date.now() - 60_000),
      bars: { five_hour: { used_pct: pct, resets_at: new Date(Date.now() + 2 * HOUR_MS).toISOString() } },
    };
    this.withLedgerEnv(() => recordReadings(this.dataDir, { agentId: 'main', source: 'quota' }, [request]));
  },
);

Then('stdout holds no control character but newlines', function (this: TrackerWorld) {
  assert.ok(
    !/[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(this.last.stdout),
    `raw control characters on stdout: ${JSON.stringify(this.last.stdout)}`,
  );
});
