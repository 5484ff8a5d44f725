// Steps of the experiment-run specs: background runs killed mid-arm, windows per arm, churn per window, two runs compared, parallel workers, kept sandboxes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Then, When } from '@cucumber/cucumber';
import { parse } from 'csv-parse/sync';
import { execa, type ResultPromise } from 'execa';
import { splitArgs } from './split-args.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

/** The task bank shipped with the package: what `experiment run` uses without --tasks. */
const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');
const background = new WeakMap<TrackerWorld, ResultPromise>();

/** The scenario's background run (`I start ... in the background`), for steps in other files. */
export function backgroundRunOf(world: TrackerWorld): ResultPromise | undefined {
  return background.get(world);
}

type Row = Record<string, unknown>;

/** The rows of a JSONL file, a torn last line left out; none when the file does not exist. */
export function readJsonl(path: string): Row[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
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
  const child = execa(process.execPath, [EXPERIMENT_BIN, ...args.slice(1)], {
    cwd: this.workDir,
    // With a PostgreSQL ledger (@postgres), the run writes to the scenario's database as every other command does.
    env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', ...this.ledgerEnv() },
    reject: false,
    stdin: 'ignore',
  });
  background.set(this, child);
  // A step that failed before its kill leaves the run going; it must end before its folder is removed.
  this.addStop(async () => {
    child.kill('SIGKILL');
    await child.catch(() => undefined);
  });
});

/** Polls the background run until `ready()` holds, then SIGKILLs it; says whether the kill landed after `landed()` held. */
async function killWhen(world: TrackerWorld, what: string, ready: () => boolean, landed?: () => boolean): Promise<void> {
  const child = background.get(world);
  assert.ok(child, 'no background run');
  const deadline = Date.now() + 60_000;
  while (!ready()) {
    assert.ok(Date.now() < deadline, `${what}: not within 60 s`);
    assert.equal(child.exitCode, null, `the run ended before ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  const result = await child;
  assert.equal(result.signal, 'SIGKILL', `the run was not killed by SIGKILL (exit ${result.exitCode}):\n${String(result.stderr)}`);
  if (landed)
    world.log(
      `killed after ${what}; ${landed() ? 'the kill landed after the window was written' : 'the kill landed before the window was written'}`,
    );
}

const armMarker = (arm: number): string => `-a${String(arm).padStart(3, '0')}-`;

function hasSnapshot(world: TrackerWorld, arm: number, phase?: 'before' | 'after'): boolean {
  const marker = armMarker(arm);
  return readJsonl(world.ledgerFile('snapshots.jsonl')).some(
    (row) => row.kind === 'snapshot' && String(row.window_id).includes(marker) && (phase === undefined || row.phase === phase),
  );
}

function hasWindow(world: TrackerWorld, arm: number): boolean {
  const marker = armMarker(arm);
  return windowsOf(world).some((row) => String(row.window_id).includes(marker));
}

When('the background run has started arm {int}, I kill it with SIGKILL', async function (this: TrackerWorld, arm: number) {
  // The arm has started once its before is on disk: the kill lands inside the arm (agent, tests or after).
  await killWhen(this, `arm ${arm} started`, () => hasSnapshot(this, arm));
});

When('the background run has started arm {int}, I stop it with {word}', async function (this: TrackerWorld, arm: number, signal: string) {
  const child = background.get(this);
  assert.ok(child, 'no background run');
  const deadline = Date.now() + 60_000;
  while (!hasSnapshot(this, arm)) {
    assert.ok(Date.now() < deadline, `arm ${arm} did not start within 60 s`);
    assert.equal(child.exitCode, null, `the run ended before arm ${arm} started`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill(signal as NodeJS.Signals);
  const result = await child.catch((error: unknown) => error as { exitCode?: number; stderr?: unknown });
  this.log(String(result.stderr ?? ''));
  assert.equal(result.exitCode, signal === 'SIGINT' ? 130 : 143, `the run did not exit on ${signal}:\n${String(result.stderr)}`);
});

Then('the folder {string} holds no arm sandbox', function (this: TrackerWorld, folder: string) {
  const path = join(this.workDir, folder);
  const left = existsSync(path) ? readdirSync(path).filter((name) => name.startsWith('agent-tracker-arm-')) : [];
  assert.deepEqual(left, [], `arm sandboxes left in ${folder}`);
});

When("I kill the background run with SIGKILL after arm {int}'s window is finalized", async function (this: TrackerWorld, arm: number) {
  await killWhen(this, `arm ${arm}'s window was finalized`, () => hasWindow(this, arm));
});

When(
  "I kill the background run with SIGKILL after arm {int}'s after snapshot, before its window",
  async function (this: TrackerWorld, arm: number) {
    // A race: the window follows the after within milliseconds. What follows must hold wherever the kill lands.
    await killWhen(
      this,
      `arm ${arm}'s after snapshot was written`,
      () => hasSnapshot(this, arm, 'after'),
      () => hasWindow(this, arm),
    );
  },
);

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
    // AB/BA with two providers, a Williams row (ABDC, ...) with more: a permutation of the first letters.
    const sequence = String(window.sequence);
    assert.match(sequence, /^[A-L]{2,12}$/, `${where}: sequence`);
    assert.equal(
      [...sequence].sort().join(''),
      'ABCDEFGHIJKL'.slice(0, sequence.length),
      `${where}: sequence ${sequence} is a permutation`,
    );
    assert.ok(
      Number.isInteger(window.period) && (window.period as number) >= 1 && (window.period as number) <= sequence.length,
      `${where}: period`,
    );
    assert.match(String(window.plan_id), /^plan-[0-9a-f]{12}$/, `${where}: plan_id`);
  }
});

Then('the windows split into {int} AB and {int} BA tasks', function (this: TrackerWorld, ab: number, ba: number) {
  const sequenceOf = new Map(windowsOf(this).map((w) => [String(w.feature_id), String(w.sequence)]));
  const counts: Record<string, number> = {};
  for (const seq of sequenceOf.values()) counts[seq] = (counts[seq] ?? 0) + 1;
  assert.deepEqual(counts, { AB: ab, BA: ba });
});

Then('every window has outcome {string}', function (this: TrackerWorld, outcome: string) {
  const windows = windowsOf(this);
  assert.ok(windows.length > 0, 'no windows');
  for (const window of windows) assert.equal(window.outcome, outcome, `${window.window_id}: ${window.notes}`);
});

Then(
  'the data dirs {string} and {string} hold the same arms, outcomes, quality, deltas and tokens',
  function (this: TrackerWorld, a: string, b: string) {
    const summarize = (dir: string): string[] => {
      const tokens = new Map<string, number>();
      for (const row of readJsonl(join(this.workDir, dir, 'proxy_telemetry.jsonl'))) {
        const key = String(row.window_id);
        tokens.set(key, (tokens.get(key) ?? 0) + Number(row.prompt_tokens ?? 0) + Number(row.completion_tokens ?? 0));
      }
      return windowsOf(this, dir)
        .map((w) =>
          [
            w.window_id,
            w.outcome,
            w.quality_score,
            (w.capacity as Row | null)?.delta,
            w.commit_start,
            w.commit_end,
            tokens.get(String(w.window_id)),
          ].join(' '),
        )
        .sort();
    };
    const left = summarize(a);
    assert.ok(left.length > 0, `no windows in ${a}`);
    assert.deepEqual(summarize(b), left);
  },
);

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
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

Then('every window in windows.jsonl has a row in {string}', function (this: TrackerWorld, file: string) {
  const path = this.ledgerFile(file);
  assert.ok(existsSync(path), `${file} does not exist`);
  const churned = new Set(
    (parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[]).map((record) => record.window_id),
  );
  const windows = windowsOf(this);
  assert.ok(windows.length > 0, 'no windows');
  const missing = windows.map((w) => String(w.window_id)).filter((id) => !churned.has(id));
  assert.deepEqual(
    missing,
    [],
    `windows with no ${file} row (its churn is lost): ${missing.join(', ')}; rows are for ${[...churned].join(', ')}`,
  );
});

/** `-wN` of each window's worker agent id (`<agent>-wN`, whatever `<agent>` is), after checking they are one run's workers. */
function workersOf(world: TrackerWorld, dir: string): Set<string> {
  const windows = windowsOf(world, dir);
  assert.ok(windows.length > 0, `no windows in ${dir}`);
  const prefixes = new Set<string>();
  const workers = new Set<string>();
  for (const window of windows) {
    const match = /^(.+)(-w\d+)$/.exec(String(window.agent_id));
    assert.ok(match, `${String(window.window_id)}: agent id ${String(window.agent_id)} is not a worker's (<agent>-wN)`);
    prefixes.add(match[1] as string);
    workers.add(match[2] as string);
  }
  assert.equal(prefixes.size, 1, `the windows of ${dir} come from the workers of more than one agent: ${[...prefixes].join(', ')}`);
  return workers;
}

Then(
  'the windows in {string} were finalized by the workers {string} and {string}',
  function (this: TrackerWorld, dir: string, one: string, two: string) {
    assert.deepEqual([...workersOf(this, dir)].sort(), [one, two].sort());
  },
);

Then('the windows in {string} were all finalized by the worker {string}', function (this: TrackerWorld, dir: string, worker: string) {
  assert.deepEqual([...workersOf(this, dir)], [worker]);
});

interface ArmSpan {
  windowId: string;
  provider: string;
  before: number;
  after: number;
}

/** Each arm's span from its before's captured_at to its after's, from the live snapshots of a data dir. */
function armSpans(world: TrackerWorld, dir: string): ArmSpan[] {
  const rows = readJsonl(join(world.workDir, dir, 'snapshots.jsonl'));
  const retracted = new Set(rows.filter((row) => row.kind === 'retraction').map((row) => String(row.target_id)));
  const spans = new Map<string, Partial<ArmSpan>>();
  for (const row of rows) {
    const phase = row.phase;
    if (row.kind !== 'snapshot' || retracted.has(String(row.id)) || (phase !== 'before' && phase !== 'after')) continue;
    const windowId = String(row.window_id);
    const span = spans.get(windowId) ?? { windowId, provider: String(row.provider) };
    span[phase] = Date.parse(String(row.captured_at));
    spans.set(windowId, span);
  }
  const complete = [...spans.values()].filter((span): span is ArmSpan => Number.isFinite(span.before) && Number.isFinite(span.after));
  assert.ok(complete.length >= 2, `${dir}: fewer than two arms with a before and an after`);
  return complete;
}

function overlappingArms(world: TrackerWorld, dir: string): [ArmSpan, ArmSpan][] {
  const spans = armSpans(world, dir);
  return spans.flatMap((x, i) =>
    spans
      .slice(i + 1)
      .filter((y) => x.before < y.after && y.before < x.after)
      .map((y): [ArmSpan, ArmSpan] => [x, y]),
  );
}

const describeSpans = (spans: ArmSpan[]): string =>
  spans.map((s) => `${s.windowId} ${new Date(s.before).toISOString()}..${new Date(s.after).toISOString()}`).join('\n');

Then('in {string} two arms of different providers overlapped in time', function (this: TrackerWorld, dir: string) {
  // Overlap: each arm's before was captured before the other's after.
  const pairs = overlappingArms(this, dir).filter(([x, y]) => x.provider !== y.provider);
  assert.ok(pairs.length > 0, `${dir}: no two arms of different providers overlapped:\n${describeSpans(armSpans(this, dir))}`);
  const sameProvider = overlappingArms(this, dir).filter(([x, y]) => x.provider === y.provider);
  assert.deepEqual(
    sameProvider.map(([x, y]) => `${x.windowId} & ${y.windowId}`),
    [],
    `${dir}: two arms of one provider overlapped`,
  );
});

Then('in {string} no two arms overlapped in time', function (this: TrackerWorld, dir: string) {
  const pairs = overlappingArms(this, dir);
  assert.deepEqual(
    pairs.map(([x, y]) => `${x.windowId} & ${y.windowId}`),
    [],
    `${dir}: arms overlapped:\n${describeSpans(armSpans(this, dir))}`,
  );
});
