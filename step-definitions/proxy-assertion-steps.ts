// Steps of the proxy specs that check what the servers, the client, telemetry and the data dir saw.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

Then('server {string} received {int} request(s)', async function (this: TrackerWorld, name: string, count: number) {
  assert.equal((await labOf(this).waitForAnswers(name, count)).length, count);
});

Then(
  'server {string} received {int} request(s) for model {string}',
  function (this: TrackerWorld, name: string, count: number, model: string) {
    const sent = labOf(this).scripted.get(name)?.sent ?? [];
    assert.deepEqual(
      sent.map((record) => record.model),
      Array.from({ length: count }, () => model),
    );
  },
);

Then('no server saw a header starting with {string}', function (this: TrackerWorld, prefix: string) {
  const lab = labOf(this);
  for (const [name, server] of lab.scripted) {
    for (const record of server.sent) {
      const leaked = Object.keys(record.request_headers ?? {}).filter((header) => header.startsWith(prefix));
      assert.deepEqual(leaked, [], `server ${name} saw ${leaked.join(', ')}`);
    }
  }
});

Then('server {string} received the key {string}', function (this: TrackerWorld, name: string, key: string) {
  const sent = labOf(this).scripted.get(name)?.sent ?? [];
  assert.equal(sent[0]?.request_headers?.['x-api-key'], key);
});

Then('the client got status {int} with error type {string}', function (this: TrackerWorld, status: number, type: string) {
  const answer = labOf(this).answers.at(-1);
  assert.equal(answer?.status, status, answer?.body.toString());
  const body = JSON.parse(answer.body.toString()) as { type?: string; error?: { type?: string } };
  assert.equal(body.error?.type, type, answer.body.toString());
});

Then(
  'the client got status {int} with input tokens counted by server {string}',
  function (this: TrackerWorld, status: number, name: string) {
    const answer = labOf(this).answers.at(-1);
    assert.equal(answer?.status, status, answer?.body.toString());
    assert.ok((JSON.parse(answer.body.toString()) as { input_tokens?: number }).input_tokens! > 0, answer.body.toString());
    assert.equal(labOf(this).scripted.get(name)?.sent.at(-1)?.route, 'count_tokens');
  },
);

Then('the client received the stream byte for byte', function (this: TrackerWorld) {
  const lab = labOf(this);
  const answer = lab.answers.at(-1);
  assert.ok(answer && [...lab.raw.values()][0]?.body.equals(answer.body), 'the client did not get the upstream bytes unchanged');
});

Then('the client received the whole stream', function (this: TrackerWorld) {
  const body = labOf(this).answers.at(-1)?.body.toString() ?? '';
  assert.match(body, /event: message_stop/);
});

Then("the client's stream ends with an {string} error event", function (this: TrackerWorld, type: string) {
  const body = labOf(this).answers.at(-1)?.body.toString() ?? '';
  const last =
    body
      .trim()
      .split(/\r?\n\r?\n/)
      .at(-1) ?? '';
  assert.match(last, /^event: error\ndata: /, body.slice(-400));
  assert.equal((JSON.parse(last.split('data: ')[1] ?? '{}') as { error?: { type?: string } }).error?.type, type);
});

Then('upstream {string} saw its request aborted within {int} ms', function (this: TrackerWorld, name: string, limit: number) {
  const lab = labOf(this);
  const upstream = lab.raw.get(name);
  const hungUpAt = lab.answers.at(-1)?.hungUpAt;
  assert.ok(upstream?.abortedAt != null && hungUpAt != null, 'the upstream never saw the request end early');
  const delay = upstream.abortedAt - hungUpAt;
  assert.ok(delay < limit, `the upstream saw the abort ${delay.toFixed(1)} ms after the client hung up`);
});

Then('after the proxy stops, telemetry has {int} row(s)', async function (this: TrackerWorld, count: number) {
  await labOf(this).stopProxy();
  assert.equal(this.readRows('proxy_telemetry.jsonl').length, count);
});

Then(
  'the telemetry row for {string} has backend {string}, model {string}, subagent {string}',
  function (this: TrackerWorld, requested: string, backend: string, model: string, subagent: string) {
    const lab = labOf(this);
    const row = this.readRows('proxy_telemetry.jsonl').find((candidate) => candidate.requested_model === requested);
    const expectedBackend = backend.startsWith('127.0.0.1:') ? lab.hostOf(backend.slice('127.0.0.1:'.length)) : backend;
    assert.deepEqual([row?.backend_provider, row?.model, row?.subagent_id], [expectedBackend, model, subagent]);
  },
);

Then('every telemetry row has the token counts its server sent', function (this: TrackerWorld) {
  const sent = [...labOf(this).scripted.values()].flatMap((server) => server.sent);
  const rows = this.readRows('proxy_telemetry.jsonl');
  assert.equal(rows.length, sent.length);
  for (const record of sent) {
    const row = rows.find((candidate) => candidate.trace_id === record.request_id);
    assert.ok(row, `no telemetry row for ${record.request_id}`);
    assert.deepEqual(
      [row.prompt_tokens, row.completion_tokens, row.cache_read_tokens, row.cache_creation_tokens],
      [
        record.usage?.input_tokens,
        record.usage?.output_tokens,
        record.usage?.cache_read_input_tokens,
        record.usage?.cache_creation_input_tokens,
      ],
    );
  }
});

Then(
  'after the proxy stops, the telemetry rows are attributed to agents {string} in window {string} for feature {string}',
  async function (this: TrackerWorld, agents: string, window: string, feature: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl');
    assert.deepEqual(
      rows.map((row) => row.agent_id),
      agents.split(','),
    );
    for (const row of rows) assert.deepEqual([row.window_id, row.feature_id, row.command], [window, feature, '/implement']);
  },
);

Then(
  'after the proxy stops, telemetry has {int} row(s) with {int} prompt tokens and {int} completion tokens',
  async function (this: TrackerWorld, count: number, input: number, output: number) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl');
    assert.equal(rows.length, count);
    assert.deepEqual([rows[0]?.prompt_tokens, rows[0]?.completion_tokens, rows[0]?.error_type], [input, output, null]);
  },
);

Then(
  'after the proxy stops, telemetry has {int} row(s) with status {int} and error type {string}',
  async function (this: TrackerWorld, count: number, status: number, type: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl');
    assert.equal(rows.length, count);
    assert.deepEqual([rows[0]?.status, rows[0]?.error_type], [status, type]);
  },
);

Then('after the proxy stops, telemetry has {int} row(s) marked aborted', async function (this: TrackerWorld, count: number) {
  await labOf(this).stopProxy();
  const rows = this.readRows('proxy_telemetry.jsonl');
  assert.equal(rows.length, count);
  assert.deepEqual([rows[0]?.aborted, rows[0]?.error_type], [true, 'client_disconnected']);
});

Then(
  'after the proxy stops, snapshots.jsonl has proxy readings for {string} in window {string} with rising 5h use',
  async function (this: TrackerWorld, provider: string, window: string) {
    await labOf(this).stopProxy();
    const readings = this.readRows('snapshots.jsonl').filter((row) => row.kind === 'reading' && row.source === 'proxy');
    assert.ok(readings.length >= 2, `expected at least 2 proxy readings, got ${readings.length}`);
    const used = readings.map((row) => {
      assert.deepEqual([row.provider, row.window_id, row.format], [provider, window, 'proxy-headers']);
      return (row.bars as { five_hour: { used_pct: number } }).five_hour.used_pct;
    });
    assert.deepEqual(
      used,
      [...used].sort((a, b) => a - b),
    );
    assert.equal(new Set(used).size, used.length, 'a reading was recorded twice for the same bars');
  },
);

Then(
  'after the proxy stops, no file in the data dir contains {string} or {string}',
  async function (this: TrackerWorld, first: string, second: string) {
    await labOf(this).stopProxy();
    const files = listFiles(this.dataDir);
    assert.ok(files.length > 0, 'the proxy wrote nothing at all');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(first) && !text.includes(second), `${file} holds a key`);
    }
  },
);

Then('the telemetry row has error type {string} and is marked aborted', function (this: TrackerWorld, type: string) {
  const [row] = this.readRows('proxy_telemetry.jsonl');
  assert.deepEqual([row?.error_type, row?.aborted], [type, true]);
});

Then(
  'after the proxy stops, telemetry has {int} rows from the proxy itself with error types {string}',
  async function (this: TrackerWorld, count: number, types: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl');
    assert.equal(rows.length, count);
    assert.deepEqual(
      rows.map((row) => row.error_type),
      types.split(','),
    );
    for (const row of rows) assert.deepEqual([row.backend_provider, row.route], ['tracker-proxy', null]);
  },
);

Then('the proxy exited {int} saying {string}', function (this: TrackerWorld, code: number, text: string) {
  const exit = labOf(this).proxyExit;
  assert.equal(exit?.exitCode, code, exit?.stderr);
  assert.ok(exit.stderr.includes(text), exit.stderr);
});

Then('the proxy exited {int} with telemetry of {int} row(s)', function (this: TrackerWorld, code: number, count: number) {
  const exit = labOf(this).proxyExit;
  assert.equal(exit?.exitCode, code, exit?.stderr);
  assert.equal(this.readRows('proxy_telemetry.jsonl').length, count);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
