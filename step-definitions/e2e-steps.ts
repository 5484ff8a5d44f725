// Steps of the @e2e features: the real Claude Code, Codex and ccusage through `tracker proxy` in front of scripted servers.
// Every step that starts a real client first asserts the loopback-only network namespace (see e2e-clients.ts).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Before, Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { addUsage, readTelemetryUsage, ZERO_USAGE, type TelemetryUsageFields } from '../budget/index.js';
import { BUILTIN_SCRIPTS, parseScript } from '../proxy/scripted-server/index.js';
import {
  add, assertLoopbackOnly, ccusageTotals, claudeArgs, claudeEnv, clientPath, codexLaunch, e2eOf, finishClient, freshRepo, lastRun,
  listFiles, num, parseLines, startClient, ZERO, type ClientName, type Counts,
} from './e2e-clients.js';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

type Row = Record<string, unknown>;

// Real clients start only inside the loopback-only namespace: checked before every @e2e scenario, and again before each launch.
Before({ tags: '@e2e' }, function () {
  assertLoopbackOnly();
  for (const name of ['claude', 'codex', 'ccusage'] as const) clientPath(name);
});

function asClient(word: string): ClientName {
  if (word !== 'claude' && word !== 'codex') throw new Error(`unknown real client ${word} (expected claude or codex)`);
  return word;
}

function proxyUrl(world: TrackerWorld): string {
  const url = labOf(world).proxyUrl;
  if (!url) throw new Error('the proxy is not running');
  return url;
}

const fmt = (c: Counts): string => `in ${c.input}, out ${c.output}, cache read ${c.cache_read}, cache write ${c.cache_creation}`;

// ---- bench -------------------------------------------------------------------------------------------------------------

Given('the real clients are installed and this network namespace has only loopback', function (this: TrackerWorld) {
  assertLoopbackOnly();
  for (const name of ['claude', 'codex', 'ccusage'] as const) clientPath(name);
});

Given('the tracker proxy runs in front of {string} for the real clients', async function (this: TrackerWorld, name: string) {
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(name)]);
});

Given('the tracker proxy runs in front of {string} with haiku routed to {string} as model {string}', async function (this: TrackerWorld, name: string, second: string, model: string) {
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(name), '--backend', `glm=${lab.urlOf(second)}`, '--route', `claude-haiku-*=glm,model=${model}`]);
});

Given('the tracker proxy runs in front of {string} with budget flags {string}', async function (this: TrackerWorld, name: string, flags: string) {
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(name), ...splitArgs(flags)]);
});

Given('a scripted model server {string} that is cut after {int} events once, then answers', async function (this: TrackerWorld, name: string, events: number) {
  await labOf(this).startScripted(name, 'hello', {
    name: 'cut-once',
    steps: [
      { type: 'disconnect', after_events: events, text: 'This answer will be cut short by the back end.', events: 20, chunk_delay_ms: 5 },
      ...(BUILTIN_SCRIPTS.hello?.steps ?? []),
    ],
  });
});

// ---- running the real clients ----------------------------------------------------------------------------------------

async function runClient(world: TrackerWorld, client: ClientName, prompt: string, windowId: string, model?: string): Promise<void> {
  const url = proxyUrl(world);
  const cwd = await freshRepo(world, `${client}-${e2eOf(world).runs.length + 1}`);
  const headers = { 'x-tracker-window': windowId, 'x-tracker-agent': `e2e-${client}` };
  if (client === 'claude') {
    const extra = ['--permission-mode', 'acceptEdits', ...(model ? ['--model', model] : [])];
    await finishClient(world, client, windowId, cwd, startClient(world, client, claudeArgs(prompt, extra), claudeEnv(world, url, headers), cwd));
  } else {
    const launch = codexLaunch(world, url, prompt, headers);
    await finishClient(world, client, windowId, cwd, startClient(world, client, launch.args, launch.env, cwd));
  }
}

When('the real {word} client runs {string} in window {string}', async function (this: TrackerWorld, client: string, prompt: string, windowId: string) {
  await runClient(this, asClient(client), prompt, windowId);
});

When('the real claude client runs {string} with model {string} in window {string}', async function (this: TrackerWorld, prompt: string, model: string, windowId: string) {
  await runClient(this, 'claude', prompt, windowId, model);
});

When('the real claude client starts {string} in window {string} and is killed with SIGKILL mid-stream', async function (this: TrackerWorld, prompt: string, windowId: string) {
  const lab = labOf(this);
  const cwd = await freshRepo(this, 'claude-killed');
  const child = startClient(this, 'claude', claudeArgs(prompt), claudeEnv(this, proxyUrl(this), { 'x-tracker-window': windowId }), cwd);
  const servers = [...lab.scripted.values()];
  const deadline = Date.now() + 60_000;
  while (!servers.some((server) => server.received > 0)) {
    assert.ok(Date.now() < deadline, 'the real claude sent no request within 60 s');
    assert.equal(child.exitCode, null, 'the real claude ended before it sent a request');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 700)); // mid-stream: the long answer takes ~3 s
  child.kill('SIGKILL');
  const run = await finishClient(this, 'claude', windowId, cwd, child);
  assert.equal(run.signal, 'SIGKILL', `the real claude ended by itself (exit ${run.exitCode}) before the kill`);
});

When('the real claude client runs {string} under {string} with budget flags {string} in window {string}', async function (this: TrackerWorld, prompt: string, runner: string, flags: string, windowId: string) {
  assertLoopbackOnly();
  assert.equal(runner, 'experiment budget run');
  const url = proxyUrl(this);
  const cwd = await freshRepo(this, 'claude-budget');
  const env = { ...claudeEnv(this, url, { 'x-tracker-window': windowId }), TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' };
  const args = ['budget', 'run', ...splitArgs(flags), '--window', windowId, '--provider', 'claude', '--grace-ms', '2000', '--timeout-ms', '120000', '--proxy-url', url,
    '--', clientPath('claude'), ...claudeArgs(prompt)];
  const result = await execa(process.execPath, [EXPERIMENT_BIN, ...args], { cwd, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 180_000 });
  e2eOf(this).runs.push({ client: 'claude', windowId, exitCode: result.exitCode ?? -1, signal: result.signal ?? null, stdout: String(result.stdout), stderr: String(result.stderr), events: parseLines(String(result.stdout)), cwd });
});

// ---- outcomes of a client run ----------------------------------------------------------------------------------------

Then('the real {word} client succeeded', function (this: TrackerWorld, word: string) {
  const run = lastRun(this, asClient(word));
  assert.equal(run.exitCode, 0, `the real ${word} exited ${run.exitCode}:\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`);
  const final = run.client === 'claude' ? run.events.find((e) => e.type === 'result') : run.events.find((e) => e.type === 'turn.completed');
  assert.ok(final, `the real ${word} printed no ${run.client === 'claude' ? 'result' : 'turn.completed'} line:\n${run.stdout.slice(-2000)}`);
  if (run.client === 'claude') assert.equal(final.is_error, false, `claude's result is an error: ${JSON.stringify(final).slice(0, 500)}`);
});

Then('the real {word} client wrote {string} in its work tree', function (this: TrackerWorld, word: string, file: string) {
  const run = lastRun(this, asClient(word));
  assert.ok(existsSync(join(run.cwd, file)), `${file} is not in ${run.cwd}`);
});

// ---- token agreement -------------------------------------------------------------------------------------------------

/** What the scripted servers sent, in Anthropic terms (input excludes the cache), over complete model answers. */
function serverCounts(world: TrackerWorld): Counts {
  let sum = { ...ZERO };
  for (const server of labOf(world).scripted.values()) {
    for (const record of server.sent) {
      if (record.status !== 200 || record.outcome !== 'complete' || !record.usage) continue;
      const u = record.usage;
      sum = add(sum, { input: u.input_tokens, output: u.output_tokens, cache_read: u.cache_read_input_tokens, cache_creation: u.cache_creation_input_tokens });
    }
  }
  return sum;
}

/** Telemetry rows of a window, in Anthropic terms (a Responses row's prompt_tokens is the whole prompt). */
function telemetryCounts(world: TrackerWorld, windowId: string, client: ClientName): { counts: Counts; rows: Row[] } {
  const rows = world.readRows('proxy_telemetry.jsonl').filter((row) => row.window_id === windowId && row.status === 200);
  let sum = { ...ZERO };
  for (const row of rows) {
    const cacheRead = num(row.cache_read_tokens);
    const cacheWrite = num(row.cache_creation_tokens);
    const input = client === 'codex' ? num(row.prompt_tokens) - cacheRead - cacheWrite : num(row.prompt_tokens);
    sum = add(sum, { input, output: num(row.completion_tokens), cache_read: cacheRead, cache_creation: cacheWrite });
  }
  return { counts: sum, rows };
}

/** The client's own totals: Claude Code's `result.usage`, Codex's `turn.completed.usage` (OpenAI terms, converted). */
function clientCounts(world: TrackerWorld, client: ClientName): Counts {
  const run = lastRun(world, client);
  if (client === 'claude') {
    const usage = run.events.find((e) => e.type === 'result')?.usage as Row | undefined;
    assert.ok(usage, 'claude printed no result usage');
    return { input: num(usage.input_tokens), output: num(usage.output_tokens), cache_read: num(usage.cache_read_input_tokens), cache_creation: num(usage.cache_creation_input_tokens) };
  }
  const usage = run.events.filter((e) => e.type === 'turn.completed').at(-1)?.usage as Row | undefined;
  assert.ok(usage, 'codex printed no turn.completed usage');
  const cacheRead = num(usage.cached_input_tokens);
  const cacheWrite = num(usage.cache_write_input_tokens);
  return { input: num(usage.input_tokens) - cacheRead - cacheWrite, output: num(usage.output_tokens), cache_read: cacheRead, cache_creation: cacheWrite };
}

/**
 * ccusage's totals, already in Anthropic terms. Claude: every field. Codex: ccusage 20.0.24 reports inputTokens
 * without the cache (read or write), cacheReadTokens from `cached_input_tokens`, and never counts cache writes
 * (`cache_write_input_tokens`): its cacheCreationTokens stays 0, so that one field is not compared.
 */
async function ccusageCounts(world: TrackerWorld, client: ClientName): Promise<{ counts: Counts; compared: (keyof Counts)[] }> {
  const { counts } = await ccusageTotals(world, client);
  return { counts, compared: client === 'claude' ? ['input', 'output', 'cache_read', 'cache_creation'] : ['input', 'output', 'cache_read'] };
}

Then('the tokens agree four ways for the real {word} client in window {string}: server, proxy telemetry, client totals and ccusage', async function (this: TrackerWorld, word: string, windowId: string) {
  const client = asClient(word);
  const lab = labOf(this);
  await lab.stopProxy();
  const server = serverCounts(this);
  const { counts: telemetry, rows } = telemetryCounts(this, windowId, client);
  const own = clientCounts(this, client);
  assert.ok(rows.length > 0, `no telemetry rows in window ${windowId}`);
  assert.ok(server.output > 0, 'the scripted server sent no complete answer');
  assert.deepEqual(telemetry, server, `proxy telemetry (${fmt(telemetry)}) != what the server sent (${fmt(server)})`);
  assert.deepEqual(own, server, `the ${client} client's own totals (${fmt(own)}) != what the server sent (${fmt(server)})`);
  const cc = await ccusageCounts(this, client);
  for (const field of cc.compared) {
    assert.equal(cc.counts[field], server[field], `ccusage ${client} ${field} = ${cc.counts[field]}, the server sent ${server[field]} (ccusage: ${fmt(cc.counts)}; server: ${fmt(server)})`);
  }
  const answers = [...lab.scripted.values()].reduce((n, s) => n + s.sent.filter((r) => r.status === 200 && r.outcome === 'complete' && r.usage).length, 0);
  assert.equal(rows.length, answers, `${rows.length} telemetry rows for ${answers} answers`);
});

// ---- sub-agent routing -----------------------------------------------------------------------------------------------

Then('server {string} received the haiku request as model {string}, and telemetry attributes it to back end {string} and sub-agent {string}', async function (this: TrackerWorld, name: string, model: string, backend: string, subagent: string) {
  const lab = labOf(this);
  await lab.stopProxy();
  const server = lab.scripted.get(name);
  assert.ok(server, `no server ${name}`);
  const models = server.sent.filter((r) => r.step_index !== null).map((r) => r.model);
  assert.ok(models.length > 0 && models.every((m) => m === model), `server ${name} got models ${JSON.stringify(models)}, expected all ${model}`);
  const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => String(row.requested_model ?? '').includes('haiku'));
  assert.ok(rows.length > 0, 'no telemetry row for a haiku request');
  for (const row of rows) {
    assert.deepEqual([row.backend_provider, row.model, row.subagent_id], [backend, model, subagent], `telemetry row ${JSON.stringify(row).slice(0, 400)}`);
  }
  const others = this.readRows('proxy_telemetry.jsonl').filter((row) => !String(row.requested_model ?? '').includes('haiku'));
  assert.ok(others.every((row) => row.backend_provider !== backend), 'a non-haiku request went to the sub-agent back end');
});

// ---- bars ------------------------------------------------------------------------------------------------------------

When('I ingest the real Codex rollouts with {string}', async function (this: TrackerWorld, line: string) {
  const args = splitArgs(line);
  const result = await this.runTracker([...args, '--codex-home', e2eOf(this).codexHome]);
  assert.equal(result.exitCode, 0, result.stderr);
});

When("Claude Code's statusLine command {string} runs after each of the server's Messages answers", async function (this: TrackerWorld, line: string) {
  // Claude Code calls statusLine only in its interactive UI (print mode never does): each invocation is given the JSON
  // Claude Code would pipe in after that answer, built from the unified headers the scripted server sent with it.
  const lab = labOf(this);
  const run = lastRun(this, 'claude');
  const sessionId = run.events.find((e) => e.type === 'result')?.session_id;
  const limits = parseScript(BUILTIN_SCRIPTS['write-file'] ?? {}, 'write-file').rate_limits.anthropic;
  assert.ok(limits);
  const messages = [...lab.scripted.values()].flatMap((s) => s.sent).filter((r) => r.route === 'messages' && r.status === 200 && r.step_index !== null);
  assert.ok(messages.length > 0, 'the server answered no Messages request');
  const fill = (w: { start: number; step_per_request: number }, n: number): number => Math.round(Math.min(1, w.start + n * w.step_per_request) * 10_000) / 100;
  for (let n = 0; n < messages.length; n += 1) {
    const input = {
      session_id: sessionId,
      model: { id: messages[n]?.model ?? 'claude', display_name: 'Claude' },
      workspace: { current_dir: run.cwd },
      rate_limits: { five_hour: { used_percentage: fill(limits.five_hour, n) }, seven_day: { used_percentage: fill(limits.seven_day, n) } },
    };
    const result = await this.runTracker(splitArgs(line), { input: JSON.stringify(input) });
    assert.equal(result.exitCode, 0, result.stderr);
  }
});

function fiveHourSeries(rows: Row[]): number[] {
  return rows.map((row) => (row.bars as { five_hour?: { used_pct?: number } } | undefined)?.five_hour?.used_pct).filter((v): v is number => typeof v === 'number');
}

Then('the 5h delta of window {string} for {string} is the same from the proxy readings and the {string} readings', async function (this: TrackerWorld, windowId: string, provider: string, source: string) {
  await labOf(this).stopProxy();
  const readings = this.readRows('snapshots.jsonl').filter((row) => row.kind === 'reading' && row.provider === provider);
  const proxy = fiveHourSeries(readings.filter((row) => row.source === 'proxy' && row.window_id === windowId));
  const other = fiveHourSeries(readings.filter((row) => row.source === source));
  assert.ok(proxy.length >= 2, `proxy readings of ${provider} in ${windowId}: ${JSON.stringify(proxy)}`);
  assert.ok(other.length >= 2, `${source} readings of ${provider}: ${JSON.stringify(other)}`);
  const delta = (series: number[]): number => Math.round(((series.at(-1) ?? 0) - (series[0] ?? 0)) * 100) / 100;
  assert.ok(delta(proxy) > 0, `the proxy saw no movement: ${JSON.stringify(proxy)}`);
  assert.equal(delta(other), delta(proxy), `5h delta: proxy ${JSON.stringify(proxy)} vs ${source} ${JSON.stringify(other)}`);
  assert.deepEqual(other, proxy, `5h readings: proxy ${JSON.stringify(proxy)} vs ${source} ${JSON.stringify(other)}`);
});

// ---- budget ----------------------------------------------------------------------------------------------------------

Then('the budget run stopped the real claude with exit {int} and outcome {string}', function (this: TrackerWorld, code: number, outcome: string) {
  const run = lastRun(this, 'claude');
  assert.equal(run.exitCode, code, `experiment budget run exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`);
  assert.ok(run.stdout.includes(outcome), `its summary does not say ${outcome}: ${run.stdout}`);
});

Then('window {string} is completed as {string} in windows.jsonl', function (this: TrackerWorld, windowId: string, outcome: string) {
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.window_id === windowId);
  assert.equal(windows.length, 1, `windows of ${windowId}: ${JSON.stringify(windows)}`);
  assert.equal(windows[0]?.outcome, outcome);
});

Then('server {string} produced at most {int} output tokens plus one event', async function (this: TrackerWorld, name: string, budget: number) {
  const sent = await labOf(this).waitForAnswers(name, 1);
  assert.ok(sent.length > 0, `server ${name} answered nothing`);
  for (const record of sent.filter((r) => r.step_index !== null)) {
    const perEvent = record.usage && record.content_deltas_sent > 0 ? Math.ceil(record.usage.output_tokens / 200) : 0;
    assert.ok(record.outcome !== 'complete', `server ${name} finished its answer: the budget did not cut it`);
    assert.ok(record.output_tokens_sent <= budget + perEvent, `server ${name} produced ${record.output_tokens_sent} output tokens (budget ${budget}, one event ${perEvent})`);
  }
});

// ---- failure paths ---------------------------------------------------------------------------------------------------

Then('after the proxy stops, window {string} has telemetry statuses {string}', async function (this: TrackerWorld, windowId: string, expected: string) {
  await labOf(this).stopProxy();
  const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => row.window_id === windowId);
  const got = rows.map((row) => (row.status === 200 && (row.error_type || row.aborted) ? `200:${String(row.error_type ?? 'aborted')}` : String(row.status)));
  assert.deepEqual(got, expected.split(',').map((s) => s.trim()), `telemetry of ${windowId}: ${JSON.stringify(rows.map((r) => [r.status, r.error_type, r.aborted]))}`);
});

/**
 * Claude Code counts a cut stream too: its `result` totals include the `message_start` usage of the answer that died
 * (input, and a placeholder output of 1). So the client's totals equal every 200 row of the window (cut ones included),
 * while the rows of complete answers equal what the server finished sending.
 */
Then("the real claude client's totals equal the window's telemetry, whose complete rows equal the server's complete answers", function (this: TrackerWorld) {
  const server = serverCounts(this);
  const own = clientCounts(this, 'claude');
  const run = lastRun(this, 'claude');
  const { counts } = telemetryCounts(this, run.windowId, 'claude');
  const complete = this.readRows('proxy_telemetry.jsonl').filter((row) => row.window_id === run.windowId && row.status === 200 && !row.error_type && !row.aborted);
  let telemetry = { ...ZERO };
  for (const row of complete) telemetry = add(telemetry, { input: num(row.prompt_tokens), output: num(row.completion_tokens), cache_read: num(row.cache_read_tokens), cache_creation: num(row.cache_creation_tokens) });
  assert.deepEqual(own, counts, `claude's totals (${fmt(own)}) != the window's telemetry (${fmt(counts)})`);
  assert.deepEqual(telemetry, server, `complete telemetry rows (${fmt(telemetry)}; all 200 rows ${fmt(counts)}) != the server's complete answers (${fmt(server)})`);
});

Then('upstream {string} saw the request aborted by the proxy before it finished', async function (this: TrackerWorld, name: string) {
  const sent = await labOf(this).waitForAnswers(name, 1);
  const answers = sent.filter((r) => r.step_index !== null);
  assert.ok(answers.length >= 1, `server ${name} recorded no answer`);
  for (const record of answers) {
    assert.equal(record.outcome, 'client_closed', `server ${name}: outcome ${record.outcome}`);
    assert.ok(record.usage && record.output_tokens_sent < record.usage.output_tokens, `server ${name} sent ${record.output_tokens_sent} of ${record.usage?.output_tokens} output tokens`);
  }
});

// ---- experiment run --------------------------------------------------------------------------------------------------

When('I run the experiment with the real clients: {string}', async function (this: TrackerWorld, line: string) {
  assertLoopbackOnly();
  const args = splitArgs(line);
  assert.equal(args[0], 'experiment');
  const result = await execa(process.execPath, [EXPERIMENT_BIN, ...args.slice(1), '--keep-sandboxes', '--sandbox-dir', join(this.workDir, 'sandboxes'), '--json'], {
    cwd: this.workDir,
    env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', PATH: `${process.env.E2E_CLIENT_BIN ?? ''}:${process.env.PATH ?? ''}` },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 400_000,
  });
  e2eOf(this).runs.push({ client: 'claude', windowId: '', exitCode: result.exitCode ?? -1, signal: result.signal ?? null, stdout: String(result.stdout), stderr: String(result.stderr), events: [], cwd: this.workDir });
});

Then('all {int} arms succeeded with quality 1, real files written by both clients and the acceptance tests passed', function (this: TrackerWorld, count: number) {
  const run = e2eOf(this).runs.at(-1);
  assert.ok(run);
  assert.equal(run.exitCode, 0, `experiment run exited ${run.exitCode}:\n${run.stderr.slice(-3000)}`);
  const report = JSON.parse(run.stdout) as { arms_total: number; arms_run: number; results: Row[]; report: string | null };
  assert.equal(report.arms_run, count, `${report.arms_run} of ${report.arms_total} arms run`);
  const providers = new Set<string>();
  for (const result of report.results) {
    const tests = result.tests as { passed: number; total: number };
    const churn = result.churn as { files: number };
    const tag = `${String(result.provider)} ${String(result.task_id)}`;
    assert.equal(result.outcome, 'success', `${tag}: outcome ${String(result.outcome)}`);
    assert.equal(result.quality, 1, `${tag}: quality ${String(result.quality)}`);
    assert.ok(tests.total > 0 && tests.passed === tests.total, `${tag}: tests ${tests.passed}/${tests.total}`);
    assert.ok(churn.files > 0, `${tag}: no file written`);
    providers.add(String(result.provider));
  }
  assert.deepEqual([...providers].sort(), ['claude', 'codex']);
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window');
  assert.equal(windows.length, count, `${windows.length} windows in the ledger`);
  const telemetry = this.readRows('proxy_telemetry.jsonl');
  for (const result of report.results) {
    const rows = telemetry.filter((row) => row.window_id === result.window_id);
    let usage = { ...ZERO_USAGE };
    for (const row of rows) usage = addUsage(usage, readTelemetryUsage(row as unknown as TelemetryUsageFields));
    const total = usage.input + usage.output + usage.cache_read + usage.cache_creation;
    assert.ok(rows.length > 0, `no telemetry for window ${String(result.window_id)}`);
    assert.equal(total, result.tokens, `window ${String(result.window_id)}: the client reported ${String(result.tokens)} tokens, telemetry ${total}`);
  }
});

Then('the experiment report was written', function (this: TrackerWorld) {
  const path = this.ledgerFile(join('reports', 'report.md'));
  assert.ok(existsSync(path), `${path} missing`);
  assert.ok(readFileSync(path, 'utf8').length > 100, 'the report is nearly empty');
  assert.ok(listFiles(join(this.dataDir, 'reports')).some((f) => f.endsWith('.svg')), 'no chart beside the report');
});

