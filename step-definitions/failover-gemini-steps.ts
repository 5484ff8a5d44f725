// Failover specs with the Gemini API: a key's daily quota moves work on; a per-minute limit reaches the client as sent.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { DateTime } from 'luxon';
import { SECOND_KEY } from './failover-support.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

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
