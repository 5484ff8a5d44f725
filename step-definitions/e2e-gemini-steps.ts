// Steps of the @e2e Gemini feature: the real, pinned Gemini CLI through `tracker proxy` to the scripted server, loopback only.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { readRowTokens } from '../ledger/vocabulary/index.js';
import { add, assertLoopbackOnly, ccusageTotals, clientBin, clientPath, type Counts, e2eOf, freshRepo, num, ZERO } from './e2e-clients.js';
import { fmt, proxyUrl } from './e2e-shared.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

interface GeminiRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  output: Record<string, unknown> | null;
}

const runs = new WeakMap<TrackerWorld, GeminiRun>();

/**
 * Gemini CLI 0.61.0 headless (`-p`, `-o json`): an API key from GEMINI_API_KEY once settings.json selects it (without it
 * "Invalid auth method selected"), the proxy as GOOGLE_GEMINI_BASE_URL, the attribution headers in
 * GEMINI_CLI_CUSTOM_HEADERS (`name: value, ...`), and the model named so no routing call goes first.
 */
When('Gemini CLI runs {string} in window {string}', async function (this: TrackerWorld, prompt: string, windowId: string) {
  await runGemini(this, prompt, windowId, 'gemini-api-key');
});

/**
 * Signed in with Google (a Google AI plan): Code Assist at CODE_ASSIST_ENDPOINT (the proxy), the access token from
 * GOOGLE_CLOUD_ACCESS_TOKEN with GOOGLE_GENAI_USE_GCA, which 0.61.0 takes without asking Google to check it (its
 * cached ~/.gemini/oauth_creds.json login is checked at oauth2.googleapis.com first, which loopback cannot reach).
 * The token names the scripted account Code Assist's answers are charged to (`google`, solver-bars.ts).
 */
When(
  'Gemini CLI signed in with Google runs {string} in window {string}',
  async function (this: TrackerWorld, prompt: string, windowId: string) {
    await runGemini(this, prompt, windowId, 'oauth-personal');
  },
);

/** `tracker quota --provider gemini` through the proxy with the same login, as a user whose CLI points there would run it. */
When("tracker quota reads the Google login's daily bar through the proxy", async function (this: TrackerWorld) {
  const home = join(e2eOf(this).home, 'quota-home');
  mkdirSync(join(home, '.gemini'), { recursive: true });
  const creds = { access_token: GOOGLE_ACCOUNT, token_type: 'Bearer', expiry_date: Date.now() + 3_600_000 };
  writeFileSync(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify(creds));
  const result = await this.runTracker(['quota', '--provider', 'gemini', '--json', '--record'], {
    env: { GEMINI_CLI_HOME: home, CODE_ASSIST_ENDPOINT: proxyUrl(this) },
  });
  assert.equal(result.exitCode, 0, result.stderr);
  const reading = (JSON.parse(result.stdout) as { readings: { provider: string; bars: { daily?: { window_minutes: number } } }[] })
    .readings[0];
  assert.equal(reading?.provider, 'gemini', result.stdout);
  assert.equal(reading?.bars.daily?.window_minutes, 1440, result.stdout);
});

const GOOGLE_ACCOUNT = 'google-login'; // the scripted server's account for a Google login (findProtocolAccount)

async function runGemini(world: TrackerWorld, prompt: string, windowId: string, auth: 'gemini-api-key' | 'oauth-personal'): Promise<void> {
  const { home } = e2eOf(world);
  mkdirSync(join(home, '.gemini'), { recursive: true });
  writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify({ security: { auth: { selectedType: auth } } }));
  const cwd = await freshRepo(world, `gemini-${windowId}`);
  assertLoopbackOnly();
  const login =
    auth === 'gemini-api-key'
      ? { GEMINI_API_KEY: 'dummy', GOOGLE_GEMINI_BASE_URL: proxyUrl(world) }
      : { GOOGLE_GENAI_USE_GCA: 'true', GOOGLE_CLOUD_ACCESS_TOKEN: GOOGLE_ACCOUNT, CODE_ASSIST_ENDPOINT: proxyUrl(world) };
  const result = await execa(clientPath('gemini'), ['-p', prompt, '-o', 'json', '--skip-trust', '-m', 'gemini-2.5-pro'], {
    cwd,
    env: {
      PATH: `${clientBin()}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: home,
      ...login,
      GEMINI_CLI_CUSTOM_HEADERS: `x-tracker-window: ${windowId}, x-tracker-agent: e2e-gemini`,
      // Its own OpenTelemetry to the proxy's OTLP receiver, the window on the resource (it reads OTEL_RESOURCE_ATTRIBUTES).
      GEMINI_TELEMETRY_ENABLED: 'true',
      GEMINI_TELEMETRY_TARGET: 'local',
      GEMINI_TELEMETRY_OTLP_ENDPOINT: proxyUrl(world),
      GEMINI_TELEMETRY_OTLP_PROTOCOL: 'http',
      GEMINI_TELEMETRY_LOG_PROMPTS: 'false',
      OTEL_RESOURCE_ATTRIBUTES: `tracker.window_id=${windowId},tracker.provider=gemini,tracker.agent_id=e2e-gemini`,
    },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 150_000,
    killSignal: 'SIGKILL',
  });
  let output: Record<string, unknown> | null = null;
  try {
    // With its telemetry on, the CLI may print more after the JSON object (an exporter's notice): the object is read alone.
    const stdout = String(result.stdout);
    output = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('\n}') + 2)) as Record<string, unknown>;
  } catch {
    output = null;
  }
  runs.set(world, { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr), output });
}

Then(
  'Gemini CLI answered {string} and the tokens agree six ways in window {string}: server, proxy telemetry, its own stats, its own OpenTelemetry, ccusage and the tracker reading its session files',
  async function (this: TrackerWorld, answer: string, windowId: string) {
    const run = runs.get(this);
    assert.ok(run, 'the real gemini client has not run in this scenario');
    assert.equal(run.exitCode, 0, `the real gemini exited ${run.exitCode}:\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`);
    assert.equal(
      run.output?.response,
      answer,
      `gemini answered ${JSON.stringify(run.output?.response)}; stdout: ${run.stdout.slice(0, 600)}`,
    );
    const lab = labOf(this);
    await lab.stopProxy();
    // Gemini has no cache-write count: the server's cache creation is part of the prompt's input in every figure.
    let server: Counts = { ...ZERO };
    for (const scripted of lab.scripted.values())
      for (const record of scripted.sent.filter((r) => r.status === 200 && r.outcome === 'complete' && r.usage)) {
        const u = record.usage as NonNullable<typeof record.usage>;
        server = add(server, {
          input: u.input_tokens + u.cache_creation_input_tokens,
          output: u.output_tokens,
          cache_read: u.cache_read_input_tokens,
          cache_creation: 0,
        });
      }
    // The answers' rows: Code Assist's other methods (loadCodeAssist, retrieveUserQuota, listExperiments) pass untapped.
    const rows = this.readRows('proxy_telemetry.jsonl').filter(
      (row) => row.window_id === windowId && row.status === 200 && row.prompt_tokens !== null,
    );
    assert.ok(rows.length > 0, `no telemetry rows in window ${windowId}`);
    let proxy: Counts = { ...ZERO };
    for (const row of rows) {
      const tokens = readRowTokens({
        ...row,
        prompt_tokens: num(row.prompt_tokens),
        completion_tokens: num(row.completion_tokens),
        path: String(row.path),
      });
      proxy = add(proxy, {
        input: tokens.input,
        output: tokens.output,
        cache_read: tokens.cache_read,
        cache_creation: tokens.cache_creation,
      });
    }
    const models = (run.output?.stats as { models?: Record<string, { tokens: Record<string, number> }> } | undefined)?.models ?? {};
    let own: Counts = { ...ZERO };
    for (const { tokens } of Object.values(models))
      own = add(own, {
        input: num(tokens.input),
        output: num(tokens.candidates) + num(tokens.thoughts),
        cache_read: num(tokens.cached),
        cache_creation: 0,
      });
    let otel: Counts = { ...ZERO };
    const otelRows = this.readRows('otel_usage.jsonl').filter(
      (row) => row.window_id === windowId && row.event === 'gemini_cli.api_response',
    );
    for (const row of otelRows)
      otel = add(otel, {
        input: num(row.input_tokens),
        output: num(row.output_tokens),
        cache_read: num(row.cache_read_tokens),
        cache_creation: num(row.cache_creation_tokens),
      });
    assert.ok(server.output > 0, 'the scripted server sent no complete answer');
    assert.equal(otelRows.length, rows.length, `${otelRows.length} OpenTelemetry api_response rows for ${rows.length} proxy rows`);
    assert.deepEqual(otel, server, `gemini's own OpenTelemetry (${fmt(otel)}) != what the server sent (${fmt(server)})`);
    assert.ok(
      otelRows.every((row) => row.provider === 'gemini' && !JSON.stringify(row).includes('Say hello')),
      'OpenTelemetry rows name another provider or keep the prompt',
    );
    assert.deepEqual(proxy, server, `proxy telemetry (${fmt(proxy)}) != what the server sent (${fmt(server)})`);
    assert.deepEqual(own, server, `gemini's own stats (${fmt(own)}) != what the server sent (${fmt(server)})`);
    // ccusage 20.0.24 reads Gemini CLI's session files (~/.gemini/tmp/<project>/chats/*.jsonl) in the same convention.
    const cc = await ccusageTotals(this, 'gemini');
    assert.deepEqual(cc.counts, server, `ccusage gemini (${fmt(cc.counts)}) != what the server sent (${fmt(server)})`);
    // The tracker's own reader of the same files (tracker ingest gemini-session): each answer once.
    const ingested = await this.runTracker(['ingest', 'gemini-session', '--gemini-home', join(e2eOf(this).home, '.gemini')]);
    assert.equal(ingested.exitCode, 0, ingested.stderr);
    let sessions: Counts = { ...ZERO };
    for (const row of this.readRows('snapshots.jsonl').filter((r) => r.format === 'gemini-session')) {
      const tokens = row.tokens as Record<string, unknown>;
      sessions = add(sessions, {
        input: num(tokens.input),
        output: num(tokens.output),
        cache_read: num(tokens.cache_read),
        cache_creation: 0,
      });
    }
    assert.deepEqual(sessions, server, `tracker ingest gemini-session (${fmt(sessions)}) != what the server sent (${fmt(server)})`);
    assert.ok(
      rows.every((row) => row.model === 'gemini-2.5-pro'),
      `rows name ${rows.map((row) => row.model).join(', ')}`,
    );
  },
);
