// Failover specs: scripted accounts with tiny quotas, and a chain that reads the first one's bars from its quota endpoint.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { checkMovedRows, QUOTA_LOGIN, readHealth, SECOND_KEY } from './failover-support.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

async function startTinyQuota(world: TrackerWorld, name: string, script: string, requests: number, seconds: number): Promise<void> {
  const fiveHour = { start: 0, step_per_request: 1 / requests, reset_in_s: seconds };
  await labOf(world).startScripted(name, script, {
    rate_limits: { anthropic: { five_hour: fiveHour, refuse_when_spent: true }, codex: null },
  });
}

Given(
  'a scripted model server {string} whose Claude account answers {int} requests every {int} seconds',
  async function (this: TrackerWorld, name: string, requests: number, seconds: number) {
    await startTinyQuota(this, name, 'hello', requests, seconds);
  },
);

Given(
  /^a scripted model server "([^"]+)" playing "([^"]+)" whose Claude account answers (\d+) requests? every (\d+) seconds$/,
  async function (this: TrackerWorld, name: string, script: string, requests: string, seconds: string) {
    await startTinyQuota(this, name, script, Number(requests), Number(seconds));
  },
);

Given(
  'a scripted model server {string} whose Claude account answers {int} requests every {int} seconds, its bars only on its quota endpoint',
  async function (this: TrackerWorld, name: string, requests: number, seconds: number) {
    const fiveHour = { start: 0, step_per_request: 1 / requests, reset_in_s: seconds };
    await labOf(this).startScripted(name, 'hello', {
      rate_limits: { anthropic: { five_hour: fiveHour, refuse_when_spent: true, bars_on_answers: false }, codex: null },
    });
  },
);

Given(
  /^the proxy runs with upstream "([^"]+)" and failover to "([^"]+)" with key from SECOND_KEY, reading "[^"]+"'s claude quota endpoint every second$/,
  async function (this: TrackerWorld, upstream: string, target: string) {
    const lab = labOf(this);
    await lab.startProxy(
      ['--upstream', lab.urlOf(upstream), '--failover', `${lab.urlOf(target)},auth_env=SECOND_KEY`, '--failover-quota', 'claude,every=1'],
      { SECOND_KEY, CLAUDE_CODE_OAUTH_TOKEN: QUOTA_LOGIN, TRACKER_QUOTA_URL_CLAUDE: `${lab.urlOf(upstream)}/api/oauth/usage` },
    );
  },
);

When(/^the proxy has read "([^"]+)"'s spent window from its quota endpoint$/, async function (this: TrackerWorld, name: string) {
  const host = labOf(this).hostOf(name);
  for (let waited = 0; waited < 5000; waited += 100) {
    if ((await readHealth(this)).failover.spent.some((entry) => entry.backend === host)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the proxy never set ${name} aside: ${JSON.stringify((await readHealth(this)).failover)}`);
});

Then(
  /^rows (\d+) to (\d+) went to "([^"]+)" from "([^"]+)", its (\w+) bar at (\d+)% read from its quota endpoint, with the login and not the client's key$/,
  function (this: TrackerWorld, from: string, to: string, target: string, left: string, bar: string, pct: string) {
    const lab = labOf(this);
    for (const { row, reason } of checkMovedRows(this, [from, to], [target, left], ['threshold', bar, pct]))
      assert.ok(Date.parse(String(reason?.resets_at)) > Date.parse(String(row.timestamp)), JSON.stringify(reason));
    const reads = (lab.scripted.get(left)?.sent ?? []).filter((record) => record.route === 'claude_usage');
    assert.ok(reads.length > 0 && reads.every((record) => record.request_headers.authorization === `Bearer ${QUOTA_LOGIN}`));
  },
);
