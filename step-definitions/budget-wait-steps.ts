// Steps of the budget specs where requests overlap: one long stream in flight, other agents' requests beside it.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import type { TrackerWorld } from './world.js';

interface Overlap {
  /** The long stream: its status, and when its last byte came (performance.now()). */
  long: Promise<{ status: number; endedAt: number }> | null;
  others: { status: number; endedAt: number; ms: number; message: string }[];
}

const overlaps = new WeakMap<TrackerWorld, Overlap>();

function overlapOf(world: TrackerWorld): Overlap {
  let overlap = overlaps.get(world);
  if (!overlap) overlaps.set(world, (overlap = { long: null, others: [] }));
  return overlap;
}

Given(
  'a scripted model server {string} whose first answer streams {int} output tokens over {int} ms and later ones are short',
  async function (this: TrackerWorld, name: string, tokens: number, ms: number) {
    const events = 40;
    // 'more ' is 5 characters: 1.25 tokens at the proxy's 4 characters a token.
    const first = {
      type: 'text',
      text: 'more '.repeat(Math.round(tokens / 1.25)),
      events,
      chunk_delay_ms: Math.round(ms / events),
      usage: { output_tokens: tokens },
    };
    await labOf(this).startScripted(name, 'long', { steps: [first, { type: 'text', text: 'short', usage: { output_tokens: 20 } }] });
  },
);

Given(
  'the proxy runs with upstream {string}, budget flags {string} and a budget wait of {int} ms',
  async function (this: TrackerWorld, upstream: string, flags: string, waitMs: number) {
    // The variable, not the flag: a proxy without the setting still starts (and shows what it does instead).
    const lab = labOf(this);
    await lab.startProxy(['--upstream', lab.urlOf(upstream), ...splitArgs(flags)], { TRACKER_PROXY_BUDGET_WAIT_MS: String(waitMs) });
  },
);

When('agent {string} starts a Responses stream {word}', async function (this: TrackerWorld, agent: string, cap: string) {
  const body = { model: 'gpt-5-codex', stream: true, input: 'Write a long answer.', ...readCap(cap) };
  const response = await post(this, body, agent);
  const reader = response.body;
  const iterator = reader[Symbol.asyncIterator]();
  // Its first event is back: the proxy admitted it and holds its reservation until it ends.
  await iterator.next();
  overlapOf(this).long = (async () => {
    for (let chunk = await iterator.next(); !chunk.done; chunk = await iterator.next());
    return { status: response.statusCode, endedAt: performance.now() };
  })();
});

When('{int} other agents each send a Responses request {word}', async function (this: TrackerWorld, count: number, cap: string) {
  const body = { model: 'gpt-5-codex', stream: true, input: 'Say hello.', ...readCap(cap) };
  const send = async (index: number) => {
    const began = performance.now();
    const response = await post(this, body, `other${index}`);
    const text = await response.body.text();
    const message = response.statusCode === 200 ? '' : ((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text);
    return { status: response.statusCode, endedAt: performance.now(), ms: performance.now() - began, message };
  };
  overlapOf(this).others = await Promise.all(Array.from({ length: count }, (_, index) => send(index)));
});

Then('all of them were answered while the first stream still ran', async function (this: TrackerWorld) {
  const { long, others } = overlapOf(this);
  assert.ok(long, 'no long stream was started');
  const ended = await long;
  assert.equal(ended.status, 200);
  const late = others.filter((other) => other.status !== 200 || other.endedAt >= ended.endedAt);
  const slowest = Math.round(Math.max(...others.map((other) => other.ms)));
  assert.deepEqual(
    late,
    [],
    `${late.length} of ${others.length} were refused or answered only after the long stream ended (slowest ${slowest} ms)`,
  );
});

Then('each of them got status 429 saying {string}, never {string}', async function (this: TrackerWorld, says: string, never: string) {
  const { long, others } = overlapOf(this);
  await long;
  assert.ok(others.length > 0, 'no request was sent');
  for (const other of others) {
    assert.equal(other.status, 429, other.message);
    assert.ok(other.message.includes(says), other.message);
    assert.ok(!other.message.includes(never), other.message);
  }
});

/** The request's output cap, as one word: `uncapped` (no max_output_tokens) or `cap=N`. */
function readCap(cap: string): { max_output_tokens?: number } {
  if (cap === 'uncapped') return {};
  const match = /^cap=(\d+)$/.exec(cap);
  if (!match) throw new Error(`expected "uncapped" or "cap=N", got ${cap}`);
  return { max_output_tokens: Number(match[1]) };
}

function post(world: TrackerWorld, body: object, agent: string) {
  const url = labOf(world).proxyUrl;
  if (!url) throw new Error('the proxy is not running');
  return request(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dummy', 'x-tracker-agent': agent },
    body: JSON.stringify(body),
  });
}
