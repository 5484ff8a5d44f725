// Failover specs: what Claude Code's status line says of the chain's state (proxy_failover.json), written or lived.
import assert from 'node:assert/strict';
import { Given, Then } from '@cucumber/cucumber';
import { writeFailoverState } from '../ledger/index.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

const STATUSLINE_INPUT =
  '{"model": {"display_name": "Sonnet 4.5"}, "rate_limits": {"five_hour": {"used_percentage": 5, "resets_at": 4102444800}}}';

Then(
  /^Claude Code's status line says work moved to "([^"]+)" while "([^"]+)"'s 5h window is spent$/,
  async function (this: TrackerWorld, to: string, from: string) {
    const lab = labOf(this);
    const result = await this.runTracker(['statusline'], { input: STATUSLINE_INPUT });
    const expected = `| moved to ${lab.hostOf(to)}.SECOND_KEY: ${lab.hostOf(from)}'s 5h spent, back in `;
    assert.ok(result.stdout.includes(expected), result.stdout);
  },
);

Then(/^Claude Code's status line says work is back on "([^"]+)"$/, async function (this: TrackerWorld, name: string) {
  const result = await this.runTracker(['statusline'], { input: STATUSLINE_INPUT });
  assert.ok(result.stdout.trimEnd().endsWith(`| back on ${labOf(this).hostOf(name)}`), result.stdout);
});

/** The state a proxy whose chain is anthropic > glm writes (proxy_failover.json), as of a move or a return. */
function writeChainState(world: TrackerWorld, kind: 'move' | 'return', from: string, to: string, atMs: number, resetMs: number): void {
  const window = { trigger: 'rejected', bar: 'five_hour', used_pct: 100, resets_at: new Date(resetMs).toISOString() };
  writeFailoverState(world.dataDir, {
    updated_at: new Date(atMs).toISOString(),
    chain: kind === 'move' ? [from, to] : [to, from],
    active: to,
    moves: 1,
    returns: kind === 'return' ? 1 : 0,
    spent: kind === 'move' ? [{ backend: from, ...window }] : [],
    last: { kind, from, to, at: new Date(atMs).toISOString(), ...window },
  });
}

Given(
  /^the proxy's failover state says work moved from "([^"]+)" to "([^"]+)" a minute ago, \w+'s 5h window spent for (\d+) more hours$/,
  function (this: TrackerWorld, from: string, to: string, hours: string) {
    writeChainState(this, 'move', from, to, Date.now() - 60_000, Date.now() + Number(hours) * 3_600_000);
  },
);

Given(
  /^the proxy's failover state says work came back on "([^"]+)" from "([^"]+)" just now$/,
  function (this: TrackerWorld, to: string, from: string) {
    writeChainState(this, 'return', from, to, Date.now(), Date.now());
  },
);
