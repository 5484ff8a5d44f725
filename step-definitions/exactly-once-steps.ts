// Steps of telemetry-exactly-once.feature: a SIGKILLed real proxy, and ingest and preview on a small tmpfs (we run as root in CI).
import { allowSkip } from '../kernel/index.js';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { request } from 'undici';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

interface Scene {
  url?: string;
  mount?: string;
  before?: Map<string, Buffer>;
}
const scenes = new WeakMap<TrackerWorld, Scene>();
const sceneOf = (world: TrackerWorld): Scene => scenes.get(world) ?? scenes.set(world, {}).get(world)!;

Given('a proxy I can kill, with upstream {string}', async function (this: TrackerWorld, upstream: string) {
  // The default 250 ms batching: the old queue held the last rows in memory that long, and the kill lost them.
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(upstream)]);
  sceneOf(this).url = lab.proxyUrl ?? undefined;
});

When('clients stream {int} messages through it, one after another', async function (this: TrackerWorld, count: number) {
  const { url } = sceneOf(this);
  for (let i = 0; i < count; i += 1) {
    const response = await request(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-tracker-window': 'W-KILL' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'Say hello.' }],
      }),
    });
    await response.body.arrayBuffer();
    assert.equal(response.statusCode, 200);
  }
});

When('the proxy is killed with SIGKILL', async function (this: TrackerWorld) {
  const lab = labOf(this);
  assert.equal(await lab.signalProxy('SIGKILL'), 'SIGKILL', lab.proxyExit?.stderr);
});

Then('{string} has {int} {string} rows, each trace once', function (this: TrackerWorld, file: string, count: number, kind: string) {
  const rows = readFileSync(this.ledgerFile(file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; trace_id: string });
  const traces = rows.filter((row) => row.kind === kind).map((row) => row.trace_id);
  assert.equal(traces.length, count, `rows: ${traces.length}`);
  assert.equal(new Set(traces).size, count, 'a trace was written twice');
});

Given(
  'a data dir on a {int} KiB tmpfs holding {int} ingested telemetry rows',
  async function (this: TrackerWorld, kib: number, rows: number) {
    const scene = sceneOf(this);
    const mount = mkdtempSync(join(tmpdir(), 'tracker-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', mount], { stdio: 'pipe' });
    } catch (error) {
      rmSync(mount, { recursive: true, force: true });
      allowSkip(`cannot mount a tmpfs here (needs root): ${(error as Error).message.split('\n')[0]}`);
      process.stderr.write(`skipped: cannot mount a tmpfs here (needs root): ${(error as Error).message.split('\n')[0]}\n`);
      return 'skipped';
    }
    scene.mount = mount;
    this.addStop(() => {
      execFileSync('umount', [mount], { stdio: 'pipe' });
      rmSync(mount, { recursive: true, force: true });
    });
    writeFileSync(join(this.workDir, 'few.ndjson'), buildEvents(rows, 'few'));
    const result = await this.runTracker(['ingest', 'proxy-telemetry', '--window', 'W0-CHN', '--input', 'few.ndjson'], {
      env: { TRACKER_DATA_DIR: mount },
    });
    assert.equal(result.exitCode, 0, result.stderr);
  },
);

Given('the tmpfs is nearly full', function (this: TrackerWorld) {
  // Full, then 24 KiB freed: the 1,000 rows below (~400 KiB) get part of the way, as in the 740 of 1,000.
  fillUp(mountOf(this));
  execFileSync('truncate', ['-s', '-24K', join(mountOf(this), 'filler')]);
  sceneOf(this).before = snapshotLedger(mountOf(this));
});

Given('the tmpfs is full', function (this: TrackerWorld) {
  fillUp(mountOf(this));
});

When('I ingest {int} telemetry events into the tmpfs data dir', async function (this: TrackerWorld, count: number) {
  writeFileSync(join(this.workDir, 'many.ndjson'), buildEvents(count, 'many'));
  await this.runTracker(['ingest', 'proxy-telemetry', '--window', 'W0-CHN', '--input', 'many.ndjson'], {
    env: { TRACKER_DATA_DIR: mountOf(this) },
  });
});

Then('the exit code is not {int}', function (this: TrackerWorld, code: number) {
  assert.notEqual(this.last.exitCode, code, this.last.stderr);
  this.markChecked([this.last]);
});

Then('stderr is one line containing {string}', function (this: TrackerWorld, expected: string) {
  const lines = this.last.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, this.last.stderr);
  assert.ok(lines[0]?.includes(expected), this.last.stderr);
});

Then('the tmpfs ledger is byte-identical to before', function (this: TrackerWorld) {
  const before = sceneOf(this).before;
  const after = snapshotLedger(mountOf(this));
  assert.deepEqual([...after.keys()].sort(), [...(before?.keys() ?? [])].sort());
  for (const [name, bytes] of after) assert.ok(before?.get(name)?.equals(bytes), `${name} changed`);
});

Given('the tmpfs {string} ends with a torn line', function (this: TrackerWorld, file: string) {
  appendFileSync(join(mountOf(this), file), '{"id":"torn-by-a-kill","kind":"win');
});

Given('the tmpfs is remounted read-only', function (this: TrackerWorld) {
  execFileSync('mount', ['-o', 'remount,ro', mountOf(this)], { stdio: 'pipe' });
});

When('I run preview on the tmpfs data dir', async function (this: TrackerWorld) {
  await this.runTracker(['preview'], { env: { TRACKER_DATA_DIR: mountOf(this) } });
});

/** Writes a filler file until the disk says ENOSPC; rejects/ exists first, so only its files' bytes are refused. */
function fillUp(mount: string): void {
  mkdirSync(join(mount, 'rejects'), { recursive: true });
  try {
    for (;;) appendFileSync(join(mount, 'filler'), Buffer.alloc(4096, 120));
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  }
}

function mountOf(world: TrackerWorld): string {
  const mount = sceneOf(world).mount;
  assert.ok(mount, 'no tmpfs was mounted');
  return mount;
}

function buildEvents(count: number, prefix: string): string {
  const base = {
    timestamp: '2026-11-21T08:00:01.120Z',
    session_id: 's1',
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    requested_model: 'claude-sonnet-4-5',
    prompt_tokens: 2400,
    completion_tokens: 600,
    cache_read_tokens: 0,
    cache_creation_tokens: 0,
    latency_ms: 4200,
    ttft_ms: 900,
    status: 200,
    stream: true,
    error_type: null,
    feature_id: 'F1',
  };
  return `${Array.from({ length: count }, (_, i) => JSON.stringify({ ...base, trace_id: `${prefix}-${i}`, session_id: `s-${'x'.repeat(200)}` })).join('\n')}\n`;
}

function snapshotLedger(dir: string): Map<string, Buffer> {
  const bytes = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) if (name.endsWith('.jsonl')) bytes.set(name, readFileSync(join(dir, name)));
  return bytes;
}
