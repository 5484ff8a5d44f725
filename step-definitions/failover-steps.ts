// Failover specs: a proxy with a chain of accounts, the requests it moved and returned, and what each side counted.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { CLIENT_KEY, checkMovedRows, message, QUOTA_ROUTES, readHealth, SECOND_KEY } from './failover-support.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

Given(
  'a scripted model server {string} playing {string} with its own Claude bars at {int}%',
  async function (this: TrackerWorld, name: string, script: string, pct: number) {
    const fiveHour = { start: pct / 100, step_per_request: 0, reset_in_s: 3600 };
    await labOf(this).startScripted(name, script, { rate_limits: { anthropic: { five_hour: fiveHour }, codex: null } });
  },
);

Given(
  'a scripted model server {string} answering 429 without rate-limit headers, then 529',
  async function (this: TrackerWorld, name: string) {
    await labOf(this).startScripted(name, 'hello', {
      steps: [
        { type: 'error', status: 429 },
        { type: 'error', status: 529 },
      ],
      rate_limits: { anthropic: null, codex: null },
    });
  },
);

async function startWithChain(world: TrackerWorld, upstream: string, target: string, options: string, extra: string[]): Promise<void> {
  const lab = labOf(world);
  await lab.startProxy(['--upstream', lab.urlOf(upstream), '--failover', `${lab.urlOf(target)},auth_env=SECOND_KEY${options}`, ...extra], {
    SECOND_KEY,
  });
}

Given(
  'the proxy runs with upstream {string} and failover to {string} with key from SECOND_KEY as model {string}',
  async function (this: TrackerWorld, upstream: string, target: string, model: string) {
    await startWithChain(this, upstream, target, `,model=${model}`, []);
  },
);

Given(
  'the proxy runs with upstream {string} and failover to {string} with key from SECOND_KEY at {int}%',
  async function (this: TrackerWorld, upstream: string, target: string, pct: number) {
    await startWithChain(this, upstream, target, '', ['--failover-at', String(pct)]);
  },
);

Given(
  'the proxy runs with upstream {string} and failover to {string} with key from SECOND_KEY',
  async function (this: TrackerWorld, upstream: string, target: string) {
    await startWithChain(this, upstream, target, '', []);
  },
);

When('a client streams {int} messages for model {string}', async function (this: TrackerWorld, count: number, model: string) {
  for (let i = 0; i < count; i += 1) await labOf(this).send('/v1/messages', message(model), { 'x-api-key': CLIENT_KEY });
});

When('the reset of {string} has passed', async function (this: TrackerWorld, name: string) {
  const wait = (await readRefusalReset(this, name)) * 1000 - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
});

/** The 5h reset the refusal's headers named, as the proxy's health shows it (the scripted server keeps no headers sent). */
async function readRefusalReset(world: TrackerWorld, name: string): Promise<number> {
  const health = await readHealth(world);
  const spent = health.failover.spent.find((entry) => entry.backend === labOf(world).hostOf(name));
  assert.ok(spent, `the proxy has no spent window for ${name}: ${JSON.stringify(health.failover)}`);
  return Date.parse(spent.resets_at) / 1000;
}

Then('every client answer was a 200 with one whole stream and no refusal in it', function (this: TrackerWorld) {
  for (const answer of labOf(this).answers) {
    const text = answer.body.toString();
    assert.equal(answer.status, 200, text);
    assert.equal(text.split('event: message_start').length - 1, 1, text);
    assert.ok(text.includes('event: message_stop') && !text.includes('rate_limit_error'), text);
  }
});

Then('the client answers were {int} and {int}', function (this: TrackerWorld, first: number, second: number) {
  assert.deepEqual(
    labOf(this).answers.map((answer) => answer.status),
    [first, second],
  );
});

Then(
  /^server "([^"]+)" answered (\d+) requests? and refused (\d+)$/,
  function (this: TrackerWorld, name: string, answered: string, refused: string) {
    // Model requests only: reads of its quota endpoint are not requests it answered.
    const sent = (labOf(this).scripted.get(name)?.sent ?? []).filter((record) => !QUOTA_ROUTES.has(record.route));
    assert.deepEqual(
      [sent.filter((record) => record.status === 200).length, sent.filter((record) => record.status === 429).length],
      [Number(answered), Number(refused)],
    );
  },
);

Then(
  /^server "([^"]+)" answered (\d+) requests? for model "([^"]+)", each with SECOND_KEY's key and not the client's$/,
  function (this: TrackerWorld, name: string, count: string, model: string) {
    const sent = labOf(this).scripted.get(name)?.sent ?? [];
    assert.equal(sent.length, Number(count));
    for (const record of sent) {
      assert.deepEqual([record.status, record.model, record.request_headers['x-api-key']], [200, model, SECOND_KEY]);
      assert.ok(!JSON.stringify(record.request_headers).includes(CLIENT_KEY));
    }
  },
);

Then(
  /^the proxy's health counts (\d+) moves?, (\d+) returns? and (\d+) moved requests?$/,
  async function (this: TrackerWorld, moves: string, returns: string, moved: string) {
    const { failover } = await readHealth(this);
    assert.deepEqual([failover.moves, failover.returns, failover.moved_requests], [Number(moves), Number(returns), Number(moved)]);
  },
);

Then(/^rows ([\d, and]+) went to "([^"]+)" without a failover field$/, function (this: TrackerWorld, list: string, name: string) {
  const rows = this.readRows('proxy_telemetry.jsonl');
  for (const n of list.split(/,|and/).map((part) => Number(part.trim()))) {
    const row = rows[n - 1];
    assert.deepEqual(
      [row?.backend_provider, 'failover_from' in (row ?? {}), 'failover_reason' in (row ?? {})],
      [labOf(this).hostOf(name), false, false],
    );
  }
});

Then(
  /^rows (\d+) to (\d+) went to "([^"]+)" from "([^"]+)", (refused for|at the threshold of) its (\w+) bar at (\d+)% until its reset$/,
  function (this: TrackerWorld, from: string, to: string, target: string, left: string, how: string, bar: string, pct: string) {
    const trigger = how === 'refused for' ? 'rejected' : 'threshold';
    // The reset the first account's answers named: its period began with its first request, 4 s windows.
    const firstRow = this.readRows('proxy_telemetry.jsonl')[0] as { rate_limits: { five_hour: { resets_at: string } } };
    for (const { reason } of checkMovedRows(this, [from, to], [target, left], [trigger, bar, pct]))
      assert.equal(reason?.resets_at, firstRow.rate_limits.five_hour.resets_at);
  },
);

Then(
  /^the proxy readings hold both accounts' bars: "([^"]+)" at (\d+)% and "([^"]+)" at (\d+)%$/,
  function (this: TrackerWorld, _first: string, firstPct: string, _second: string, secondPct: string) {
    const readings = this.readRows('snapshots.jsonl').filter((row) => row.kind === 'reading' && row.source === 'proxy');
    const fiveHour = readings.map((row) => (row.bars as { five_hour?: { used_pct: number } }).five_hour?.used_pct);
    assert.ok(fiveHour.includes(Number(firstPct)) && fiveHour.includes(Number(secondPct)), JSON.stringify(fiveHour));
  },
);

Then(/^the proxy said it moved work from "([^"]+)" and that work is back on it$/, function (this: TrackerWorld, name: string) {
  const stderr = labOf(this).proxyExit?.stderr ?? '';
  const host = labOf(this).hostOf(name);
  assert.ok(stderr.includes(`moved work from ${host} to `), stderr);
  assert.ok(stderr.includes(`work is back on ${host}`), stderr);
});

Then(
  /^after the proxy stops, each of its model rows was answered once, by "([^"]+)" or "([^"]+)", the moved ones from "([^"]+)" refused for its (\w+) bar$/,
  async function (this: TrackerWorld, first: string, second: string, left: string, bar: string) {
    const lab = labOf(this);
    await lab.stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => row.path === '/v1/messages');
    // One row per request the client sent, and one 200 per row on the server the row names (ids repeat across servers).
    const backendOf = { [first]: lab.hostOf(first), [second]: `${lab.hostOf(second)}.SECOND_KEY` };
    const answered = [first, second].flatMap((name) =>
      (lab.scripted.get(name)?.sent ?? [])
        .filter((record) => record.route === 'messages' && record.status === 200)
        .map((record) => `${backendOf[name]} ${record.request_id}`),
    );
    assert.deepEqual(rows.map((row) => `${row.backend_provider} ${row.trace_id}`).sort(), answered.sort());
    const moved = rows.filter((row) => row.backend_provider !== lab.hostOf(first));
    assert.ok(moved.length > 0, 'no request moved');
    for (const row of moved) {
      const reason = row.failover_reason as { trigger?: string; bar?: string } | undefined;
      assert.deepEqual(
        [row.backend_provider, row.status, row.failover_from, reason?.trigger, reason?.bar],
        [`${lab.hostOf(second)}.SECOND_KEY`, 200, lab.hostOf(left), 'rejected', bar],
      );
    }
  },
);
