// Steps of the ChatGPT-login spec: a Codex home with a login, a proxy config for the ChatGPT back end, Codex's requests.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

/** The user's own Codex home of the scenario (created by the Given that signs it in). */
const codexHomes = new WeakMap<TrackerWorld, string>();

function codexHomeOf(world: TrackerWorld): string {
  const home = codexHomes.get(world);
  assert.ok(home, 'no Codex home signed in with ChatGPT in this scenario');
  return home;
}

/** An auth.json as `codex login` writes it (codex-rs/login/src/auth/storage.rs AuthDotJson). */
function signIn(world: TrackerWorld, accessToken: string, accountId: string): void {
  const home = join(world.workDir, 'user-codex');
  mkdirSync(home, { recursive: true });
  const tokens = { id_token: 'e30.e30.c2ln', access_token: accessToken, refresh_token: 'spec-refresh-token', account_id: accountId };
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens, last_refresh: new Date().toISOString() }));
  codexHomes.set(world, home);
}

Given(
  'a Codex home signed in with ChatGPT as account {string} with token {string}',
  function (this: TrackerWorld, account: string, token: string) {
    signIn(this, token, account);
  },
);

Given('a Codex home signed in with ChatGPT whose access token expired an hour ago', function (this: TrackerWorld) {
  const claims = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 3600 })).toString('base64url');
  signIn(this, `e30.${claims}.c2ln`, 'acct-spec-expired-0001');
});

Given('a proxy config sending every request to the ChatGPT back end at {string}', function (this: TrackerWorld, name: string) {
  const lab = labOf(this);
  lab.writeConfig('proxy.json', { backends: { chatgpt: { preset: 'chatgpt', url: lab.urlOf(name) } }, default_backend: 'chatgpt' });
});

Given(
  "a proxy config sending every request to the ChatGPT back end at {string} with that Codex home's login",
  function (this: TrackerWorld, name: string) {
    const lab = labOf(this);
    lab.writeConfig('proxy.json', {
      backends: { chatgpt: { preset: 'chatgpt', url: lab.urlOf(name), auth_login: 'codex' } },
      default_backend: 'chatgpt',
    });
  },
);

Given('the proxy runs with that config and that Codex home', async function (this: TrackerWorld) {
  await labOf(this).startProxy(['--config', 'proxy.json'], { CODEX_HOME: codexHomeOf(this) });
});

When('I start the proxy with that config and that Codex home', async function (this: TrackerWorld) {
  await this.runTracker(['proxy', '--config', 'proxy.json', '--port', '0'], { env: { CODEX_HOME: codexHomeOf(this) } });
});

When(
  'Codex signed in as account {string} with token {string} streams a turn in window {string}',
  async function (this: TrackerWorld, account: string, token: string, windowId: string) {
    // The headers and body fields Codex 0.169.0 sends there (model-server/chatgpt-backend.ts has the capture).
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      originator: 'codex_exec',
      'session-id': 'spec-session-1',
      accept: 'text/event-stream',
      'x-tracker-window': windowId,
    };
    if (account !== '') headers['chatgpt-account-id'] = account;
    await labOf(this).send('/backend-api/codex/responses', { model: 'gpt-5-codex', stream: true, store: false, input: [] }, headers);
  },
);

When('Codex asks the proxy for {string} in window {string}', async function (this: TrackerWorld, path: string, windowId: string) {
  const lab = labOf(this);
  const headers = {
    authorization: 'Bearer spec-placeholder-token',
    'chatgpt-account-id': 'acct-placeholder',
    'x-tracker-window': windowId,
  };
  const response = await request(`${lab.proxyUrl}${path}`, { headers });
  lab.answers.push({
    status: response.statusCode,
    headers: response.headers,
    body: Buffer.from(await response.body.arrayBuffer()),
    hungUpAt: null,
  });
});

Then('the client got status {int}', function (this: TrackerWorld, status: number) {
  const answer = labOf(this).answers.at(-1);
  assert.equal(answer?.status, status, answer?.body.toString());
});

Then('the client got status {int} with body {string}', function (this: TrackerWorld, status: number, body: string) {
  const answer = labOf(this).answers.at(-1);
  assert.equal(answer?.status, status, answer?.body.toString());
  assert.equal(answer.body.toString(), body);
});

Then(
  'the ChatGPT back end {string} received token {string} and account {string}',
  function (this: TrackerWorld, name: string, token: string, account: string) {
    const sent = labOf(this).scripted.get(name)?.sent ?? [];
    assert.equal(sent.length, 1, `the back end got ${sent.length} requests`);
    const headers = sent[0]?.request_headers ?? {};
    assert.deepEqual([headers.authorization, headers['chatgpt-account-id']], [`Bearer ${token}`, account]);
  },
);

Then(
  'after the proxy stops, telemetry has {int} row(s) in window {string} with the tokens {string} sent, from back end {string}',
  async function (this: TrackerWorld, count: number, windowId: string, name: string, backend: string) {
    const lab = labOf(this);
    await lab.stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl');
    const sent = lab.scripted.get(name)?.sent ?? [];
    assert.equal(rows.length, count);
    for (const [i, row] of rows.entries()) {
      const usage = sent[i]?.usage;
      assert.ok(usage, `the back end sent no usage for request ${i + 1}`);
      // A Responses row's prompt is the whole prompt: input, cache read and cache write together.
      const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
      assert.deepEqual(
        [
          row.window_id,
          row.path,
          row.backend_provider,
          row.prompt_tokens,
          row.completion_tokens,
          row.cache_read_tokens,
          row.cache_creation_tokens,
        ],
        [
          windowId,
          '/backend-api/codex/responses',
          backend,
          prompt,
          usage.output_tokens,
          usage.cache_read_input_tokens,
          usage.cache_creation_input_tokens,
        ],
      );
    }
  },
);

Then(
  'after the proxy stops, telemetry has {int} row(s) in window {string} with status {int}',
  async function (this: TrackerWorld, count: number, windowId: string, status: number) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl');
    assert.equal(rows.length, count);
    for (const row of rows) assert.deepEqual([row.window_id, row.status], [windowId, status]);
  },
);

Then(
  'snapshots.jsonl has a proxy reading for {string} in window {string} at {int}% of the 5-hour window',
  function (this: TrackerWorld, provider: string, windowId: string, percent: number) {
    const readings = this.readRows('snapshots.jsonl').filter((row) => row.kind === 'reading' && row.source === 'proxy');
    assert.equal(readings.length, 1, JSON.stringify(readings));
    const [reading] = readings;
    assert.deepEqual(
      [reading?.provider, reading?.window_id, (reading?.bars as { five_hour?: { used_pct?: number } }).five_hour?.used_pct],
      [provider, windowId, percent],
    );
  },
);
