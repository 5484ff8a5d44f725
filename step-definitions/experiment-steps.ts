// Steps of the experiment-run specs: background runs killed mid-arm, windows per arm, two runs compared, kept sandboxes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Then, When } from '@cucumber/cucumber';
import { execa, type ResultPromise } from 'execa';
import { splitArgs } from './split-args.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

/** The task bank shipped with the package: what `experiment run` uses without --tasks. */
const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');
const background = new WeakMap<TrackerWorld, ResultPromise>();

type Row = Record<string, unknown>;

function readJsonl(path: string): Row[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').flatMap((line) => {
    try {
      return [JSON.parse(line) as Row];
    } catch {
      return []; // a torn last line of a killed writer
    }
  });
}

/** Window rows of a data dir under the scenario's working directory (the scenario's own is `data`). */
function windowsOf(world: TrackerWorld, dir = 'data'): Row[] {
  return readJsonl(join(world.workDir, dir, 'windows.jsonl')).filter((row) => row.kind === 'window');
}

When('I start {string} in the background', function (this: TrackerWorld, line: string) {
  const args = splitArgs(line);
  assert.equal(args[0], 'experiment', 'only experiment commands run in the background');
  background.set(this, execa(process.execPath, [EXPERIMENT_BIN, ...args.slice(1)], { cwd: this.workDir, env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' }, reject: false, stdin: 'ignore' }));
});

When('the background run has started arm {int}, I kill it with SIGKILL', async function (this: TrackerWorld, arm: number) {
  const child = background.get(this);
  assert.ok(child, 'no background run');
  const marker = `-a${String(arm).padStart(3, '0')}-`;
  const deadline = Date.now() + 60_000;
  // The arm has started once its before is on disk: the kill lands inside the arm (agent, tests or after).
  while (!readJsonl(this.ledgerFile('snapshots.jsonl')).some((row) => row.kind === 'snapshot' && String(row.window_id).includes(marker))) {
    assert.ok(Date.now() < deadline, `arm ${arm} did not start within 60 s`);
    assert.equal(child.exitCode, null, 'the run ended before the arm started');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  const result = await child;
  assert.equal(result.signal, 'SIGKILL');
});

Then('the report says {string}', function (this: TrackerWorld, text: string) {
  const report = readFileSync(join(this.dataDir, 'reports', 'report.md'), 'utf8');
  assert.ok(report.includes(text), `expected report.md to say ${JSON.stringify(text)}, got:\n${report.slice(0, 1500)}`);
});

Then('windows.jsonl has {int} windows, one per arm of the plan', function (this: TrackerWorld, count: number) {
  const windows = windowsOf(this);
  assert.equal(windows.length, count, `expected ${count} windows, got ${windows.length}: ${windows.map((w) => w.window_id).join(', ')}`);
  const arms = new Set(windows.map((w) => `${w.plan_id}|${w.feature_id}|${w.provider}|${w.period}`));
  assert.equal(arms.size, count, 'two windows are of the same arm');
});

Then('every window carries its task, commits, methodology and crossover cell', function (this: TrackerWorld) {
  for (const window of windowsOf(this)) {
    const where = String(window.window_id);
    assert.match(String(window.feature_id), /^[a-z0-9-]+$/, `${where}: feature_id`);
    assert.match(String(window.commit_start), /^[0-9a-f]{40}$/, `${where}: commit_start`);
    assert.match(String(window.commit_end), /^[0-9a-f]{40}$/, `${where}: commit_end`);
    assert.notEqual(window.commit_start, window.commit_end, `${where}: the agent's work is a commit of its own`);
    assert.match(String(window.methodology), /plan plan-[0-9a-f]{12} \(seed /, `${where}: methodology names the plan and seed`);
    assert.match(String(window.sequence), /^(AB|BA)$/, `${where}: sequence`);
    assert.ok(window.period === 1 || window.period === 2, `${where}: period`);
    assert.match(String(window.plan_id), /^plan-[0-9a-f]{12}$/, `${where}: plan_id`);
  }
});

Then('the windows split into {int} AB and {int} BA tasks', function (this: TrackerWorld, ab: number, ba: number) {
  const sequenceOf = new Map(windowsOf(this).map((w) => [String(w.feature_id), String(w.sequence)]));
  const counts = [...sequenceOf.values()].reduce((acc, seq) => ({ ...acc, [seq]: (acc[seq] ?? 0) + 1 }), {} as Record<string, number>);
  assert.deepEqual(counts, { AB: ab, BA: ba });
});

Then('every window has outcome {string}', function (this: TrackerWorld, outcome: string) {
  const windows = windowsOf(this);
  assert.ok(windows.length > 0, 'no windows');
  for (const window of windows) assert.equal(window.outcome, outcome, `${window.window_id}: ${window.notes}`);
});

Then('the data dirs {string} and {string} hold the same arms, outcomes, quality, deltas and tokens', function (this: TrackerWorld, a: string, b: string) {
  const summarize = (dir: string): string[] => {
    const tokens = new Map<string, number>();
    for (const row of readJsonl(join(this.workDir, dir, 'proxy_telemetry.jsonl'))) {
      const key = String(row.window_id);
      tokens.set(key, (tokens.get(key) ?? 0) + Number(row.prompt_tokens ?? 0) + Number(row.completion_tokens ?? 0));
    }
    return windowsOf(this, dir)
      .map((w) => [w.window_id, w.outcome, w.quality_score, (w.capacity as Row | null)?.delta, w.commit_start, w.commit_end, tokens.get(String(w.window_id))].join(' '))
      .sort();
  };
  const left = summarize(a);
  assert.ok(left.length > 0, `no windows in ${a}`);
  assert.deepEqual(summarize(b), left);
});

Then('every kept sandbox in {string} holds the work of exactly one arm', async function (this: TrackerWorld, dir: string) {
  const root = join(this.workDir, dir);
  const sandboxes = readdirSync(root).filter((name) => name.startsWith('agent-tracker-arm-'));
  const windows = windowsOf(this);
  assert.equal(sandboxes.length, windows.length, 'one sandbox per arm');
  const seen = new Set<string>();
  for (const name of sandboxes) {
    const work = join(root, name, 'work');
    const log = (await execa('git', ['-C', work, 'log', '--format=%s'])).stdout;
    const armWindow = /\((plan-[^)]+)\)/.exec(log)?.[1];
    assert.ok(armWindow, `${name}: no agent commit naming its window in\n${log}`);
    assert.ok(!seen.has(armWindow), `${armWindow} has two sandboxes`);
    seen.add(armWindow);
    const window = windows.find((w) => w.window_id === armWindow);
    assert.ok(window, `${name}: window ${armWindow} is not in the ledger`);
    const files = (await execa('git', ['-C', work, 'ls-files'])).stdout.split('\n');
    const task = String(window.feature_id);
    const own = new Set([...listFiles(join(BANK, task, 'fixture')), ...listFiles(join(BANK, task, 'solution'))]);
    for (const file of files) assert.ok(own.has(file), `${name} (${task}): ${file} is not a file of its own task`);
  }
});

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
}
