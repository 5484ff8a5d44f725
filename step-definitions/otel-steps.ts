// Steps of the `tracker otel` spec: the real command as a child process on loopback, exporters posting real captured payloads.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa, type ResultPromise } from 'execa';
import { REPO_ROOT, TRACKER_BIN, type TrackerWorld } from './world.js';

const CAPTURES = join(REPO_ROOT, 'sources/parsers/otlp/test-fixtures');

interface OtelLab {
  child: ResultPromise;
  url: string;
  stderr: string;
  answer: { status: number; type: string | null; body: Buffer } | null;
  /** The URL printed at the start before this one (a restart), which an agent's settings may still hold. */
  before: string | null;
}

const labs = new WeakMap<TrackerWorld, OtelLab>();

function labOf(world: TrackerWorld): OtelLab {
  const lab = labs.get(world);
  if (!lab) throw new Error('tracker otel is not running in this scenario');
  return lab;
}

Given('tracker otel is running', async function (this: TrackerWorld) {
  await startOtel(this, '0', []);
});

/** Stopped, then started again on the same port, so a URL written before can be posted to. */
When('tracker otel is started again', async function (this: TrackerWorld) {
  const before = labOf(this);
  await startOtel(this, String(new URL(before.url).port), []);
  labOf(this).before = before.url;
});

When('tracker otel is started again with --rotate-secret', async function (this: TrackerWorld) {
  const before = labOf(this);
  await startOtel(this, String(new URL(before.url).port), ['--rotate-secret']);
  labOf(this).before = before.url;
});

Then('it printed the same endpoint as before', function (this: TrackerWorld) {
  const lab = labOf(this);
  assert.equal(lab.url, lab.before);
});

Then('it printed another endpoint than before', function (this: TrackerWorld) {
  const lab = labOf(this);
  assert.notEqual(lab.url, lab.before);
});

When(
  'an exporter set up before the restart posts {string} to {string} as {string}',
  async function (this: TrackerWorld, file: string, path: string, type: string) {
    const lab = labOf(this);
    assert.ok(lab.before, 'tracker otel was not restarted');
    await post(this, file, path, { 'content-type': type }, false, lab.before);
  },
);

async function startOtel(world: TrackerWorld, port: string, extra: string[]): Promise<void> {
  const child = execa(process.execPath, [TRACKER_BIN, 'otel', '--port', port, '--json', ...extra], {
    cwd: world.workDir,
    env: { TRACKER_DATA_DIR: world.dataDir, TZ: 'UTC', ...world.ledgerEnv() },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    buffer: { stdout: false, stderr: false },
  });
  const lab: OtelLab = { child, url: '', stderr: '', answer: null, before: null };
  world.addStop(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await child;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    lab.stderr += chunk.toString();
  });
  lab.url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n}');
      if (end >= 0) resolve((JSON.parse(out.slice(0, end + 2)) as { url: string }).url);
    });
    void child.then((result) => reject(new Error(`tracker otel exited ${result.exitCode} before it was ready:\n${lab.stderr}`)));
  });
  // On loopback without a token its endpoint ends with the data dir's secret path.
  assert.match(lab.url, /^http:\/\/127\.0\.0\.1:\d+\/_s\/[0-9a-f]{32}$/);
  labs.set(world, lab);
}

Given('the captured OTLP export {string}', function (this: TrackerWorld, name: string) {
  copyFileSync(join(CAPTURES, name), join(this.workDir, name));
});

/**
 * A captured OTLP/JSON export moved in time so that its first record is now, its spacing kept: the export an agent sends
 * during a statusLine scenario, whose readings are taken at the real time (`tracker statusline` has no clock of its own).
 * The step returns once its last record's time has passed, so a reading taken after it comes after every record.
 */
Given('the captured OTLP export {string} as sent now, as {string}', async function (this: TrackerWorld, name: string, saved: string) {
  const times = ['timeUnixNano', 'observedTimeUnixNano', 'startTimeUnixNano'];
  const found: bigint[] = [];
  const visit = (value: unknown, shift: bigint | null): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, shift);
    else if (typeof value === 'object' && value !== null)
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (times.includes(key) && typeof inner === 'string' && inner !== '0') {
          if (shift === null) found.push(BigInt(inner));
          else (value as Record<string, unknown>)[key] = String(BigInt(inner) + shift);
        } else visit(inner, shift);
      }
  };
  const body = JSON.parse(readFileSync(join(CAPTURES, name), 'utf8')) as unknown;
  visit(body, null);
  assert.ok(found.length > 0, `${name} has no times`);
  const first = found.reduce((a, b) => (a < b ? a : b));
  const last = found.reduce((a, b) => (a > b ? a : b));
  const now = Date.now();
  visit(body, BigInt(now + 1) * 1_000_000n - first);
  writeFileSync(join(this.workDir, saved), JSON.stringify(body));
  await new Promise((resolve) => setTimeout(resolve, Number((last - first) / 1_000_000n) + 2));
});

Given('{string} cut to its first {int} bytes as {string}', function (this: TrackerWorld, name: string, bytes: number, cut: string) {
  writeFileSync(join(this.workDir, cut), readFileSync(join(CAPTURES, name)).subarray(0, bytes));
});

async function post(
  world: TrackerWorld,
  file: string,
  path: string,
  headers: Record<string, string>,
  gzip = false,
  told: boolean | string = true,
): Promise<void> {
  const lab = labOf(world);
  const raw = readFileSync(join(world.workDir, file));
  // A process not told the endpoint knows the port on loopback, not the secret path the receiver printed.
  const base = typeof told === 'string' ? told : told ? lab.url : new URL(lab.url).origin;
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
    body: gzip ? gzipSync(raw) : raw,
  });
  lab.answer = { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
}

When('an exporter posts {string} to {string} as {string}', async function (this: TrackerWorld, file: string, path: string, type: string) {
  await post(this, file, path, { 'content-type': type });
});

When(
  "a local process that was not told the receiver's endpoint posts {string} to {string} as {string}",
  async function (this: TrackerWorld, file: string, path: string, type: string) {
    await post(this, file, path, { 'content-type': type }, false, false);
  },
);

When(
  'an exporter posts {string} gzipped to {string} as {string}',
  async function (this: TrackerWorld, file: string, path: string, type: string) {
    await post(this, file, path, { 'content-type': type }, true);
  },
);

Then('the exporter gets {int} as {string}', function (this: TrackerWorld, status: number, type: string) {
  const answer = labOf(this).answer;
  assert.ok(answer, 'no export was posted');
  assert.deepEqual([answer.status, answer.type], [status, type], answer.body.toString('latin1').slice(0, 400));
});

Then('the answer is the empty JSON object', function (this: TrackerWorld) {
  assert.equal(labOf(this).answer?.body.toString(), '{}');
});

Then('the answer is a google.rpc.Status whose message contains {string}', function (this: TrackerWorld, text: string) {
  const answer = labOf(this).answer;
  assert.ok(answer);
  // protobuf Status: field 1 code (varint), field 2 message (length-delimited UTF-8); JSON: {"code","message"}.
  const message = answer.type === 'application/json' ? String(JSON.parse(answer.body.toString()).message) : answer.body.toString('utf8');
  assert.ok(message.includes(text), `the Status says ${JSON.stringify(message)}`);
});

Then('tracker otel printed one line on stderr containing {string}', async function (this: TrackerWorld, text: string) {
  const lab = labOf(this);
  for (let waited = 0; !lab.stderr.includes('\n') && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  const lines = lab.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `stderr:\n${lab.stderr}`);
  assert.ok(lines[0]?.startsWith('tracker otel: ') && lines[0].includes(text), `stderr:\n${lab.stderr}`);
});

Then('tracker otel printed nothing on stderr', function (this: TrackerWorld) {
  assert.equal(labOf(this).stderr, '');
});

When('tracker otel is stopped', async function (this: TrackerWorld) {
  const lab = labOf(this);
  lab.child.kill('SIGTERM');
  const result = await lab.child;
  assert.equal(result.exitCode, 0, lab.stderr);
});
