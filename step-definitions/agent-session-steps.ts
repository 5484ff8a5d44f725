// Steps that send what the real agents send besides their model calls: Claude Code's start-up probe and each agent's session header.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Then, When } from '@cucumber/cucumber';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

When('a client probes the proxy with {string} {string}', async function (this: TrackerWorld, method: string, path: string) {
  // Claude Code 2.1.329 sends HEAD /api/hello at start-up (unless CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1).
  const lab = labOf(this);
  const { hostname, port } = new URL(lab.proxyUrl ?? '');
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: `${lab.basePath()}${path}`, method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
  lab.answers.push({ status, headers: {}, body: Buffer.alloc(0), hungUpAt: null });
});

When('Claude Code streams {int} messages in session {string}', async function (this: TrackerWorld, count: number, session: string) {
  const body = { model: 'claude-sonnet-4-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] };
  // Claude Code names the header X-Claude-Code-Session-Id; HTTP header names are case-insensitive.
  for (let i = 0; i < count; i += 1) await labOf(this).send('/v1/messages?beta=true', body, { 'X-Claude-Code-Session-Id': session });
});

When('Codex streams a response in session {string}', async function (this: TrackerWorld, session: string) {
  // Codex 0.169.0 sends session-id and thread-id (the same value) with every Responses request.
  await labOf(this).send(
    '/v1/responses',
    { model: 'gpt-5-codex', input: 'Say hello.', stream: true },
    { 'session-id': session, 'thread-id': session },
  );
});

Then(
  /^(?:after the proxy stops, )?the telemetry rows of "([^"]*)" have session "([^"]*)"$/,
  async function (this: TrackerWorld, path: string, session: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => String(row.path).split('?')[0] === path);
    assert.ok(rows.length > 0, `no telemetry row for ${path}`);
    assert.deepEqual(
      rows.map((row) => row.session_id),
      rows.map(() => session),
    );
  },
);

Then("every window's model calls carry one session id of their agent", function (this: TrackerWorld) {
  // The runner's own one-token capacity probes (command "probe") are no agent's: they carry no session.
  const rows = this.readRows('proxy_telemetry.jsonl').filter(
    (row) => row.command !== 'probe' && /\/(messages|responses)$/.test(String(row.path).split('?')[0] ?? ''),
  );
  assert.ok(rows.length > 0, 'no model call in the telemetry');
  const byWindow = new Map<string, Set<unknown>>();
  for (const row of rows) {
    const window = String(row.window_id);
    byWindow.set(window, (byWindow.get(window) ?? new Set()).add(row.session_id));
  }
  for (const [window, sessions] of byWindow) {
    assert.equal(sessions.size, 1, `window ${window} has sessions ${[...sessions].join(', ')}`);
    const [session] = sessions;
    assert.ok(typeof session === 'string' && session !== '', `window ${window}'s telemetry has session_id ${String(session)}`);
  }
});
