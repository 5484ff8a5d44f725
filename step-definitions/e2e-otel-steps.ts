// Steps of the @e2e OpenTelemetry scenarios: the real clients' own OTel export to the proxy, compared with the proxy's count.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { compareTokens } from '../ledger/index.js';
import { add, claudeArgs, claudeEnv, e2eOf, finishClient, freshRepo, lastRun, type Counts, num, ZERO } from './e2e-clients.js';
import { clientCounts, telemetryCounts } from './e2e-counts.js';
import { asClient, fmt, type Row } from './e2e-shared.js';
import { labOf } from './proxy-lab.js';
import { startClient } from './e2e-clients.js';
import type { TrackerWorld } from './world.js';

Given('the real clients export their own OpenTelemetry to the proxy in {string}', function (this: TrackerWorld, encoding: string) {
  assert.ok(encoding === 'json' || encoding === 'protobuf', `expected json or protobuf, got ${encoding}`);
  e2eOf(this).otel = encoding;
});

When(
  'the real claude client runs {string} in window {string} straight at {string}, around the proxy',
  async function (this: TrackerWorld, prompt: string, windowId: string, server: string) {
    const lab = labOf(this);
    const cwd = await freshRepo(this, `claude-around-${e2eOf(this).runs.length + 1}`);
    const env = { ...claudeEnv(this, lab.urlOf(server), { 'x-tracker-window': windowId }) };
    // Its API around the proxy, its own OpenTelemetry still to the proxy's receiver (naming the window).
    if (e2eOf(this).otel !== null) env.OTEL_EXPORTER_OTLP_ENDPOINT = lab.proxyUrl ?? '';
    await finishClient(
      this,
      'claude',
      windowId,
      cwd,
      startClient(this, 'claude', claudeArgs(prompt, ['--permission-mode', 'acceptEdits']), env, cwd),
    );
  },
);

/** The window's otel-request rows in the tracker's convention (input without the cache). */
function otelCounts(world: TrackerWorld, windowId: string): { counts: Counts; rows: Row[] } {
  const rows = world.readRows('otel_usage.jsonl').filter((row) => row.kind === 'otel-request' && row.window_id === windowId);
  const counted = rows.filter((row) => row.total_tokens !== null);
  const counts = counted.reduce<Counts>(
    (sum, row) =>
      add(sum, {
        input: num(row.input_tokens),
        output: num(row.output_tokens),
        cache_read: num(row.cache_read_tokens),
        cache_creation: num(row.cache_creation_tokens),
      }),
    ZERO,
  );
  return { counts, rows: counted };
}

const withTotal = (c: Counts) => ({ ...c, total: c.input + c.output + c.cache_read + c.cache_creation });

Then(
  "the real {word} client's own OpenTelemetry rows of window {string} hold its own figures and agree with the proxy telemetry within 2%",
  async function (this: TrackerWorld, word: string, windowId: string) {
    const client = asClient(word);
    await labOf(this).stopProxy();
    const { counts, rows } = otelCounts(this, windowId);
    const run = lastRun(this, client);
    assert.ok(
      rows.length > 0,
      `no otel-request row with tokens in window ${windowId}: ${JSON.stringify(this.readRows('otel_usage.jsonl').map((r) => [r.kind, r.event, r.window_id])).slice(0, 600)}`,
    );
    // The agent's own figures: the same totals it printed itself.
    const own = clientCounts(this, client);
    assert.deepEqual(counts, own, `OpenTelemetry (${fmt(counts)}) != the ${client} client's own totals (${fmt(own)})`);
    const proxy = telemetryCounts(this, windowId, client).counts;
    const gap = compareTokens(withTotal(counts), withTotal(proxy));
    assert.ok(
      !gap.divergent,
      `OpenTelemetry (${fmt(counts)}) and the proxy (${fmt(proxy)}) are ${(gap.gap * 100).toFixed(1)}% apart on ${gap.gapIn}`,
    );
    assert.equal(rows.length, telemetryCounts(this, windowId, client).rows.length, 'one OpenTelemetry request row per proxied request');
    for (const row of rows) {
      const attributes = row.attributes as Row;
      assert.equal(row.source, 'otel');
      if (client === 'claude') {
        // Claude Code's own names and estimate; the window from OTEL_RESOURCE_ATTRIBUTES.
        assert.equal(row.event, 'claude_code.api_request');
        assert.equal(attributes.input_tokens, row.input_tokens);
        assert.ok(typeof row.cost_usd === 'number' && row.cost_usd > 0, `no cost estimate on ${JSON.stringify(row).slice(0, 300)}`);
        assert.equal(row.attributed_by, 'resource');
        assert.equal(row.session_id, run.events.find((e) => e.type === 'result')?.session_id);
      } else {
        // Codex's own names (counts as strings, input with the cache in it); the window from the exporter's headers.
        assert.equal(row.event, 'codex.sse_event');
        assert.equal(
          attributes.input_token_count,
          String(num(row.input_tokens) + num(row.cache_read_tokens) + num(row.cache_creation_tokens)),
        );
        assert.equal(row.attributed_by, 'header');
        assert.equal(row.session_id, run.events.find((e) => e.type === 'thread.started')?.thread_id);
      }
    }
    if (client === 'claude') {
      const metrics = this.readRows('otel_usage.jsonl').filter(
        (row) => row.metric === 'claude_code.token.usage' && row.window_id === windowId,
      );
      const total = metrics.reduce((sum, row) => sum + num(row.value), 0);
      assert.equal(total, withTotal(own).total, `claude_code.token.usage sums to ${total}, the client's total is ${withTotal(own).total}`);
    }
  },
);

Then(
  'every window of the run has its agent\'s own OpenTelemetry count, within 2% of the proxy\'s, and no "divergent:otel" anomaly',
  function (this: TrackerWorld) {
    checkOtelAgreement(this, null);
  },
);

Then(
  'every window of {string} has its agent\'s own OpenTelemetry count, within 2% of the proxy\'s, and no "divergent:otel" anomaly',
  function (this: TrackerWorld, provider: string) {
    checkOtelAgreement(this, provider);
  },
);

/** Each window (of one provider, or all) carries the agent's own count, matched by window and within 2% of the proxy's. */
function checkOtelAgreement(world: TrackerWorld, provider: string | null): void {
  const windows = world
    .readRows('windows.jsonl')
    .filter((row) => row.kind === 'window' && (provider === null || row.provider === provider));
  assert.ok(windows.length > 0, `no windows${provider === null ? '' : ` of ${provider}`}`);
  for (const window of windows) {
    const otel = window.otel as Row | undefined;
    assert.ok(otel, `window ${window.window_id} (${window.provider}) has no OpenTelemetry count`);
    assert.equal(otel.matched_by, 'window');
    assert.ok(otel.proxy, `window ${window.window_id}: no proxy count beside it`);
    assert.ok(num(otel.gap) <= 0.02 && otel.divergent === false, `window ${window.window_id}: ${JSON.stringify(otel)}`);
    assert.ok(num((otel.tokens as Row).total) > 0, `window ${window.window_id}: no tokens`);
  }
  const divergent = world.readRows('anomalies.jsonl').filter((row) => row.code === 'divergent:otel');
  assert.deepEqual(divergent, []);
  const attributed = world
    .readRows('otel_usage.jsonl')
    .filter((row) => row.kind === 'otel-request' && (provider === null || row.provider === provider));
  assert.ok(attributed.length > 0, `no OpenTelemetry request rows${provider === null ? '' : ` of ${provider}`}`);
  assert.ok(
    attributed.every((row) => row.attributed_by === 'arm-path'),
    "a row of the run was not charged by its arm's base URL",
  );
}

Then(
  "window {string} of {string} counts {int} requests by its agent's own OpenTelemetry and {int} by the proxy, with a {string} anomaly",
  function (this: TrackerWorld, windowId: string, provider: string, own: number, proxied: number, code: string) {
    const window = this.readRows('windows.jsonl').findLast(
      (row) => row.kind === 'window' && row.window_id === windowId && row.provider === provider,
    );
    assert.ok(window, `no completed window ${windowId}`);
    const otel = window.otel as Row;
    assert.equal(otel.requests, own, JSON.stringify(otel));
    assert.equal((otel.proxy as Row).requests, proxied, JSON.stringify(otel));
    assert.equal(otel.divergent, true, JSON.stringify(otel));
    assert.ok((window.errors as string[]).includes(code), `window errors ${JSON.stringify(window.errors)}`);
    const anomaly = this.readRows('anomalies.jsonl').find((row) => row.code === code && row.window_id === windowId);
    assert.ok(anomaly, `no ${code} anomaly for ${windowId}`);
  },
);
