// Steps of the failover specs: scripted accounts with tiny quotas, a proxy with a chain, and what each side counted.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { Given, Then, When } from '@cucumber/cucumber';
import { DateTime } from 'luxon';
import { writeFailoverState } from '../ledger/index.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

const message = (model: string) => ({ model, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] });
const SECOND_KEY = 'second-account-key-0123456789';
const CLIENT_KEY = 'client-own-key-9876543210';
/** The account the proxy reads the first back end's quota endpoint with (its own login, not the client's key). */
const QUOTA_LOGIN = 'first-account-login-0123456789';
const QUOTA_ROUTES = new Set(['claude_usage', 'codex_usage', 'glm_quota', 'gemini_quota']);

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

interface Health {
  failover: { moves: number; returns: number; moved_requests: number; spent: { backend: string; resets_at: string }[] };
}

async function readHealth(world: TrackerWorld): Promise<Health> {
  const answer = await request(`${labOf(world).proxyUrl}/_tracker/health`);
  return (await answer.body.json()) as Health;
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
/**
 * Telemetry rows `from` to `to` (1-based) went to the second account at `target`, moved from `left` by `trigger` on
 * `bar` at `pct`%: asserted, and each row returned with its failover reason for the caller's checks of the reset.
 */
function checkMovedRows(
  world: TrackerWorld,
  [from, to]: [string, string],
  [target, left]: [string, string],
  [trigger, bar, pct]: [string, string, string],
): Array<{ row: Record<string, unknown>; reason: Record<string, unknown> | undefined }> {
  const lab = labOf(world);
  const rows = world.readRows('proxy_telemetry.jsonl').slice(Number(from) - 1, Number(to));
  assert.equal(rows.length, Number(to) - Number(from) + 1);
  return rows.map((row) => {
    const reason = row.failover_reason as Record<string, unknown> | undefined;
    assert.deepEqual(
      [row.backend_provider, row.failover_from, reason?.trigger, reason?.bar, reason?.used_pct],
      [`${lab.hostOf(target)}.SECOND_KEY`, lab.hostOf(left), trigger, bar, Number(pct)],
    );
    return { row, reason };
  });
}

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

const GEMINI_PATH = '/v1beta/models/gemini-2.5-pro:generateContent';
const GEMINI_CLIENT_KEY = 'gemini-client-key-0123456789';

Given(
  'a scripted model server {string} whose Gemini key answers {int} requests a period of {int} seconds',
  async function (this: TrackerWorld, name: string, requests: number, seconds: number) {
    await labOf(this).startScripted(name, 'hello', {
      rate_limits: { anthropic: null, codex: null, gemini: { requests, reset_in_s: seconds } },
    });
  },
);

/** A per-minute limit as the Gemini API sends it: a passing limit, not a window, so it reaches the client. */
const PER_MINUTE_DETAILS = [
  {
    '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
    violations: [
      {
        quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
        quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
      },
    ],
  },
  { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' },
];

Given(
  'a scripted model server {string} answering a Gemini per-minute 429, then playing {string}',
  async function (this: TrackerWorld, name: string, script: string) {
    await labOf(this).startScripted(name, script, {
      steps: [
        {
          type: 'error',
          status: 429,
          message: 'Resource has been exhausted (e.g. check quota).',
          details: PER_MINUTE_DETAILS,
          headers: { 'x-scripted-limit': 'per-minute' },
        },
        { type: 'text', text: 'hello' },
      ],
      rate_limits: { anthropic: null, codex: null },
    });
  },
);

Then('the first Gemini answer is the per-minute 429 as the server sent it, its header and its RetryInfo', function (this: TrackerWorld) {
  const [answer] = labOf(this).answers;
  const body = JSON.parse(answer?.body.toString() ?? 'null') as { error?: { status?: string; details?: unknown } } | null;
  assert.deepEqual(
    [answer?.status, answer?.headers['x-scripted-limit'], body?.error?.status, body?.error?.details],
    [429, 'per-minute', 'RESOURCE_EXHAUSTED', PER_MINUTE_DETAILS],
  );
});

Given(
  'the proxy runs with upstream {string} and failover to {string} with its Gemini key from SECOND_KEY',
  async function (this: TrackerWorld, upstream: string, target: string) {
    const lab = labOf(this);
    await lab.startProxy(
      ['--upstream', lab.urlOf(upstream), '--failover', `${lab.urlOf(target)},auth_env=SECOND_KEY,auth_header=x-goog-api-key`],
      {
        SECOND_KEY,
      },
    );
  },
);

When('a Gemini client asks {int} times', async function (this: TrackerWorld, count: number) {
  const body = { contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }] };
  for (let i = 0; i < count; i += 1) await labOf(this).send(GEMINI_PATH, body, { 'x-goog-api-key': GEMINI_CLIENT_KEY });
});

Then('the Gemini answers were {string}', function (this: TrackerWorld, statuses: string) {
  assert.deepEqual(
    labOf(this).answers.map((answer) => answer.status),
    statuses.split(',').map((status) => Number(status.trim())),
  );
});

Then(
  /^server "([^"]+)" answered (\d+) Gemini requests?, each with SECOND_KEY's key and not the client's$/,
  function (this: TrackerWorld, name: string, count: string) {
    const sent = labOf(this).scripted.get(name)?.sent ?? [];
    assert.deepEqual(
      sent.map((record) => [record.status, record.request_headers['x-goog-api-key']]),
      Array.from({ length: Number(count) }, () => [200, SECOND_KEY]),
    );
  },
);

Then(
  /^row (\d+) went to "([^"]+)" from "([^"]+)", refused for its daily quota until the next midnight Pacific time$/,
  function (this: TrackerWorld, n: string, target: string, left: string) {
    const lab = labOf(this);
    const row = this.readRows('proxy_telemetry.jsonl')[Number(n) - 1] ?? {};
    const reason = row.failover_reason as Record<string, unknown> | undefined;
    assert.deepEqual(
      [row.backend_provider, row.failover_from, reason?.trigger, reason?.bar, reason?.used_pct],
      [`${lab.hostOf(target)}.SECOND_KEY`, lab.hostOf(left), 'rejected', 'daily', 100],
    );
    // Midnight in Los Angeles, the next one after the row (never the ~30 s the refusal's RetryInfo named).
    const reset = DateTime.fromISO(String(reason?.resets_at), { zone: 'America/Los_Angeles' });
    const rowAt = DateTime.fromISO(String(row.timestamp), { zone: 'America/Los_Angeles' });
    assert.deepEqual([reset.hour, reset.minute, reset.second, reset.millisecond], [0, 0, 0, 0], JSON.stringify(reason));
    assert.ok(reset.toISODate() === rowAt.plus({ days: 1 }).toISODate(), JSON.stringify([reason, row.timestamp]));
  },
);
