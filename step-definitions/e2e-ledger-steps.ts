// Steps of the @e2e bars, budget, failure-path and experiment features: what the ledger says after real client runs.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { addUsage, readTelemetryUsage, ZERO_USAGE, type TelemetryUsageFields } from '../budget/index.js';
import { BUILTIN_SCRIPTS, parseScript } from '../model-server/index.js';
import { add, assertLoopbackOnly, e2eOf, lastRun, listFiles, num, ZERO } from './e2e-clients.js';
import { clientCounts, serverCounts, telemetryCounts } from './e2e-counts.js';
import { fmt, type Row } from './e2e-shared.js';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

// ---- bars ------------------------------------------------------------------------------------------------------------

When('I ingest the real Codex rollouts with {string}', async function (this: TrackerWorld, line: string) {
  const args = splitArgs(line);
  const result = await this.runTracker([...args, '--codex-home', e2eOf(this).codexHome]);
  assert.equal(result.exitCode, 0, result.stderr);
});

When(
  "Claude Code's statusLine command {string} runs after each of the server's Messages answers",
  async function (this: TrackerWorld, line: string) {
    // Claude Code calls statusLine only in its interactive UI (print mode never does): each invocation is given the JSON
    // Claude Code would pipe in after that answer, built from the unified headers the scripted server sent with it.
    const lab = labOf(this);
    const run = lastRun(this, 'claude');
    const sessionId = run.events.find((e) => e.type === 'result')?.session_id;
    const limits = parseScript(BUILTIN_SCRIPTS['write-file'] ?? {}, 'write-file').rate_limits.anthropic;
    assert.ok(limits);
    const messages = [...lab.scripted.values()]
      .flatMap((s) => s.sent)
      .filter((r) => r.route === 'messages' && r.status === 200 && r.step_index !== null);
    assert.ok(messages.length > 0, 'the server answered no Messages request');
    const fill = (w: { start: number; step_per_request: number }, n: number): number =>
      Math.round(Math.min(1, w.start + n * w.step_per_request) * 10_000) / 100;
    for (let n = 0; n < messages.length; n += 1) {
      const input = {
        session_id: sessionId,
        model: { id: messages[n]?.model ?? 'claude', display_name: 'Claude' },
        workspace: { current_dir: run.cwd },
        rate_limits: {
          five_hour: { used_percentage: fill(limits.five_hour, n) },
          seven_day: { used_percentage: fill(limits.seven_day, n) },
        },
      };
      const result = await this.runTracker(splitArgs(line), { input: JSON.stringify(input) });
      assert.equal(result.exitCode, 0, result.stderr);
    }
  },
);

function fiveHourSeries(rows: Row[]): number[] {
  return rows
    .map((row) => (row.bars as { five_hour?: { used_pct?: number } } | undefined)?.five_hour?.used_pct)
    .filter((v): v is number => typeof v === 'number');
}

Then(
  'the 5h delta of window {string} for {string} is the same from the proxy readings and the {string} readings',
  async function (this: TrackerWorld, windowId: string, provider: string, source: string) {
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
  },
);

// ---- budget ----------------------------------------------------------------------------------------------------------

Then(
  'the budget run stopped the real claude with exit {int} and outcome {string}',
  function (this: TrackerWorld, code: number, outcome: string) {
    const run = lastRun(this, 'claude');
    assert.equal(run.exitCode, code, `experiment budget run exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`);
    assert.ok(run.stdout.includes(outcome), `its summary does not say ${outcome}: ${run.stdout}`);
  },
);

Then('window {string} is completed as {string} in windows.jsonl', function (this: TrackerWorld, windowId: string, outcome: string) {
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.window_id === windowId);
  assert.equal(windows.length, 1, `windows of ${windowId}: ${JSON.stringify(windows)}`);
  assert.equal(windows[0]?.outcome, outcome);
});

Then(
  'server {string} produced at most {int} output tokens plus one event',
  async function (this: TrackerWorld, name: string, budget: number) {
    const sent = await labOf(this).waitForAnswers(name, 1);
    assert.ok(sent.length > 0, `server ${name} answered nothing`);
    for (const record of sent.filter((r) => r.step_index !== null)) {
      const perEvent = record.usage && record.content_deltas_sent > 0 ? Math.ceil(record.usage.output_tokens / 200) : 0;
      assert.ok(record.outcome !== 'complete', `server ${name} finished its answer: the budget did not cut it`);
      assert.ok(
        record.output_tokens_sent <= budget + perEvent,
        `server ${name} produced ${record.output_tokens_sent} output tokens (budget ${budget}, one event ${perEvent})`,
      );
    }
  },
);

// ---- failure paths ---------------------------------------------------------------------------------------------------

Then(
  'after the proxy stops, window {string} has telemetry statuses {string}',
  async function (this: TrackerWorld, windowId: string, expected: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => row.window_id === windowId);
    const got = rows.map((row) =>
      row.status === 200 && (row.error_type || row.aborted) ? `200:${String(row.error_type ?? 'aborted')}` : String(row.status),
    );
    assert.deepEqual(
      got,
      expected.split(',').map((s) => s.trim()),
      `telemetry of ${windowId}: ${JSON.stringify(rows.map((r) => [r.status, r.error_type, r.aborted]))}`,
    );
  },
);

/**
 * Claude Code counts a cut stream too: its `result` totals include the `message_start` usage of the answer that died
 * (input, and a placeholder output of 1). So the client's totals equal every 200 row of the window (cut ones included),
 * while the rows of complete answers equal what the server finished sending.
 */
Then(
  "the real claude client's totals equal the window's telemetry, whose complete rows equal the server's complete answers",
  function (this: TrackerWorld) {
    const server = serverCounts(this);
    const own = clientCounts(this, 'claude');
    const run = lastRun(this, 'claude');
    const { counts } = telemetryCounts(this, run.windowId, 'claude');
    const complete = this.readRows('proxy_telemetry.jsonl').filter(
      (row) => row.window_id === run.windowId && row.status === 200 && !row.error_type && !row.aborted,
    );
    let telemetry = { ...ZERO };
    for (const row of complete)
      telemetry = add(telemetry, {
        input: num(row.prompt_tokens),
        output: num(row.completion_tokens),
        cache_read: num(row.cache_read_tokens),
        cache_creation: num(row.cache_creation_tokens),
      });
    assert.deepEqual(own, counts, `claude's totals (${fmt(own)}) != the window's telemetry (${fmt(counts)})`);
    assert.deepEqual(
      telemetry,
      server,
      `complete telemetry rows (${fmt(telemetry)}; all 200 rows ${fmt(counts)}) != the server's complete answers (${fmt(server)})`,
    );
  },
);

Then('upstream {string} saw the request aborted by the proxy before it finished', async function (this: TrackerWorld, name: string) {
  const sent = await labOf(this).waitForAnswers(name, 1);
  const answers = sent.filter((r) => r.step_index !== null);
  assert.ok(answers.length >= 1, `server ${name} recorded no answer`);
  for (const record of answers) {
    assert.equal(record.outcome, 'client_closed', `server ${name}: outcome ${record.outcome}`);
    assert.ok(
      record.usage && record.output_tokens_sent < record.usage.output_tokens,
      `server ${name} sent ${record.output_tokens_sent} of ${record.usage?.output_tokens} output tokens`,
    );
  }
});

// ---- experiment run --------------------------------------------------------------------------------------------------

// A hang guard past the run's own execa limit (400 s): seven providers' 14 arms of real CLIs took over 120 s at load 5.
When('I run the experiment with the real clients: {string}', { timeout: 420_000 }, async function (this: TrackerWorld, line: string) {
  await runExperimentWithClients(this, line, {});
});

/** `experiment run ...` with the real clients on PATH, sandboxes kept under the scenario's `sandboxes/`, `--json`. */
export async function runExperimentWithClients(world: TrackerWorld, line: string, env: Record<string, string>): Promise<void> {
  assertLoopbackOnly();
  const args = splitArgs(line);
  assert.equal(args[0], 'experiment');
  // As root the runner hands each arm to an unprivileged uid inside bwrap: it must be able to pass through the
  // test's own folder (mode 700 from mkdtemp) to reach the arm folders below it.
  chmodSync(world.workDir, 0o711);
  const result = await execa(
    process.execPath,
    [EXPERIMENT_BIN, ...args.slice(1), '--keep-sandboxes', '--sandbox-dir', join(world.workDir, 'sandboxes'), '--json'],
    {
      cwd: world.workDir,
      env: { TRACKER_DATA_DIR: world.dataDir, TZ: 'UTC', PATH: `${process.env.E2E_CLIENT_BIN ?? ''}:${process.env.PATH ?? ''}`, ...env },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
      timeout: 400_000,
    },
  );
  e2eOf(world).runs.push({
    client: 'claude',
    windowId: '',
    exitCode: result.exitCode ?? -1,
    signal: result.signal ?? null,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    events: [],
    cwd: world.workDir,
  });
}

Then(
  'all {int} arms succeeded with quality 1, real files written by both clients and the acceptance tests passed',
  function (this: TrackerWorld, count: number) {
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
      assert.equal(
        total,
        result.tokens,
        `window ${String(result.window_id)}: the client reported ${String(result.tokens)} tokens, telemetry ${total}`,
      );
    }
  },
);

Then('the experiment report was written', function (this: TrackerWorld) {
  const path = this.ledgerFile(join('reports', 'report.md'));
  assert.ok(existsSync(path), `${path} missing`);
  assert.ok(readFileSync(path, 'utf8').length > 100, 'the report is nearly empty');
  assert.ok(
    listFiles(join(this.dataDir, 'reports')).some((f) => f.endsWith('.svg')),
    'no chart beside the report',
  );
});
