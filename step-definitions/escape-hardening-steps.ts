// Steps of the terminal-escape @hardening spec: ledger rows carrying escapes and HTML, every command printing them.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AfterAll, Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

/**
 * What someone who can write the data dir (a shared team folder) plants: set the terminal's title, clear the screen,
 * a line of its own that reads like the tool's, a right-to-left override, a C1 CSI, and HTML for a markdown viewer.
 */
const HOSTILE = 'halted\x1b]0;pwned\x07\x1b[2J\r\nERROR forged line \u202etxt.exe <img src=x onerror=alert(1)> \x9b31m';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** One finished simulated run, made once and copied into each scenario (a run takes seconds; the outline has six rows). */
let template: string | null = null;

AfterAll(() => {
  if (template) rmSync(template, { recursive: true, force: true });
});

function readRows(world: TrackerWorld, file: string): Array<Record<string, unknown>> {
  return readFileSync(world.ledgerFile(file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function appendRow(world: TrackerWorld, file: string, row: Record<string, unknown>): void {
  appendFileSync(world.ledgerFile(file), `${JSON.stringify(row)}\n`);
}

Given('a finished simulated run whose ledger rows carry terminal escapes and HTML in their text', async function (this: TrackerWorld) {
  if (template === null) {
    await this.runExperiment(['run', '--seed', '42', '--providers', 'sim-steady,sim-thrifty', '--only', 'lru-cache-ttl', '--no-report']);
    this.expectSuccess();
    template = mkdtempSync(join(tmpdir(), 'escape-hardening-'));
    cpSync(this.dataDir, template, { recursive: true });
  } else cpSync(template, this.dataDir, { recursive: true });
  const assignments = readRows(this, 'assignments.jsonl');
  const plan = assignments.find((row) => row.kind === 'analysis-plan') as Record<string, unknown> & { planning: object };
  const arms = assignments.filter((row) => row.kind === 'assignment');
  const last = arms.at(-1) as Record<string, unknown> & { arm_index: number };
  const stamp = { ts: '2026-12-01T00:00:00.000Z', schema_version: plan.schema_version, tool_version: plan.tool_version };
  const by = { source: plan.source, agent_id: plan.agent_id };
  // The analysis plan's own text, edited in place; an arm still pending, so `experiment status` says why it stopped.
  const edited = assignments.map((row) => (row === plan ? { ...plan, planning: { ...plan.planning, source: HOSTILE } } : row));
  writeFileSync(this.ledgerFile('assignments.jsonl'), edited.map((row) => `${JSON.stringify(row)}\n`).join(''));
  appendRow(this, 'assignments.jsonl', { ...last, id: 'planted-arm', arm_index: last.arm_index + 1, period: 3 });
  appendRow(this, 'assignments.jsonl', {
    ...{ id: 'planted-stop', kind: 'run-stop', ...stamp, ...by, plan_id: plan.plan_id, rule: 'data-quality', reason: HOSTILE },
    ...{ provider: 'sim-steady', pairs: [], arms_done: arms.length, arms_not_started: 1, unit: 'usd' },
  });
  appendRow(this, 'anomalies.jsonl', { id: 'planted-anomaly', kind: 'anomaly', ...stamp, ...by, code: 'negative-delta', message: HOSTILE });
  // A window's errors and a proxy row's model, in the same words; the plan's run record says the run stopped for them.
  const windows = readRows(this, 'windows.jsonl');
  writeFileSync(
    this.ledgerFile('windows.jsonl'),
    windows.map((row, index) => `${JSON.stringify(index === 0 ? { ...row, errors: [HOSTILE] } : row)}\n`).join(''),
  );
  const telemetry = readRows(this, 'proxy_telemetry.jsonl').find((row) => typeof row.window_id === 'string');
  assert.ok(telemetry, 'the run left no proxy row with a window');
  appendRow(this, 'proxy_telemetry.jsonl', { ...telemetry, id: 'planted-request', trace_id: 'planted-trace', model: HOSTILE });
  const record = join(this.dataDir, 'state', 'runs', `${String(plan.plan_id)}.json`);
  writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), state: 'stopped', stopped_by: HOSTILE }));
});

Then('its output holds no raw control character and no forged line', function (this: TrackerWorld) {
  this.expectSuccess();
  for (const [stream, text] of [
    ['stdout', this.last.stdout],
    ['stderr', this.last.stderr],
  ] as const) {
    const raw = RAW_CONTROL.exec(text);
    assert.equal(raw, null, `${stream} holds U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${JSON.stringify(text)}`);
    const forged = text.split('\n').find((line) => line.startsWith('ERROR forged line'));
    assert.equal(forged, undefined, `${stream} has a forged line:\n${text}`);
  }
});

Then('it shows the planted text as visible escapes: {string}', function (this: TrackerWorld, shown: string) {
  if (shown === '(no ledger text)') return;
  const visible = '\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x0aERROR forged line \\u202etxt.exe';
  assert.ok(this.last.stdout.includes(visible), `expected stdout to show ${shown} as ${visible}:\n${this.last.stdout}`);
});

Then("report.md shows the ledger's HTML as text, not markup", function (this: TrackerWorld) {
  const path = join(this.dataDir, 'reports', 'report.md');
  assert.ok(existsSync(path), 'no report.md');
  const markdown = readFileSync(path, 'utf8');
  assert.ok(!markdown.includes('<img'), 'report.md holds raw HTML from the ledger');
  assert.ok(markdown.includes('&lt;img src=x onerror=alert(1)>'), 'report.md does not show the planted HTML as text');
  assert.equal(RAW_CONTROL.exec(markdown), null, 'report.md holds a raw control character');
});
