// Steps of the @e2e scenario where the back end PROCESS dies mid-stream (SIGKILL) and stays down while the real
// Claude Code retries: the scripted model server runs as its own `tracker model-server` process, and a request counter
// (a plain HTTP relay on loopback) sits between the real client and the proxy, so the requests the proxy saw are counted
// by something other than the proxy's own telemetry.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa, type ResultPromise } from 'execa';
import { claudeArgs, claudeEnv, e2eOf, finishClient, freshRepo, lastRun, num, startClient, type Counts } from './e2e-clients.js';
import { labOf } from './proxy-lab.js';
import { TRACKER_BIN, type TrackerWorld } from './world.js';

type Row = Record<string, unknown>;

/** A `tracker model-server` child process: the back end that gets SIGKILLed. */
interface BackendProcess {
  child: ResultPromise;
  url: string;
  port: number;
  script: string;
}

/** One request the counter passed on to the proxy, and what came back. */
interface Passed {
  window: string | null;
  method: string;
  path: string;
  status: number | null;
  /** The answer as the client got it (SSE text for a stream). */
  body: string;
  deltas: number;
  done: boolean;
}

interface RequestCounter {
  url: string;
  passed: Passed[];
  close(): Promise<void>;
}

interface BackendState {
  processes: Map<string, BackendProcess>;
  counter: RequestCounter | null;
}

const states = new WeakMap<TrackerWorld, BackendState>();

function stateOf(world: TrackerWorld): BackendState {
  let state = states.get(world);
  if (!state) {
    const made: BackendState = { processes: new Map(), counter: null };
    states.set(world, made);
    // Whatever the scenario's outcome, nothing it started outlives it: the back-end processes (by their own child
    // handle) and the counter. The proxy is the lab's (proxy-lab.ts).
    world.addStop(async () => {
      for (const backend of made.processes.values()) {
        if (backend.child.exitCode === null && backend.child.signalCode === null) backend.child.kill('SIGKILL');
        await backend.child;
      }
      await made.counter?.close();
    });
    state = made;
  }
  return state;
}

function processOf(world: TrackerWorld, name: string): BackendProcess {
  const backend = stateOf(world).processes.get(name);
  if (!backend) throw new Error(`no scripted model server process named ${name}`);
  return backend;
}

function counterOf(world: TrackerWorld): RequestCounter {
  const counter = stateOf(world).counter;
  if (!counter) throw new Error('no request counter runs in front of the proxy');
  return counter;
}

/** Starts `tracker model-server --json` (port 0 picks one) and waits for the JSON line saying where it listens. */
async function startBackendProcess(world: TrackerWorld, script: string, port: number): Promise<BackendProcess> {
  const child = execa(process.execPath, [TRACKER_BIN, 'model-server', '--port', String(port), '--script', script, '--json'], {
    cwd: world.workDir,
    env: { TZ: 'UTC' },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    buffer: { stdout: false, stderr: true },
  });
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.indexOf('\n}');
      if (end >= 0) resolve(JSON.parse(out.slice(0, end + 2)) as { url: string; port: number });
    });
    void child.then((result) =>
      reject(new Error(`tracker model-server exited ${result.exitCode} before it was ready:\n${String(result.stderr)}`)),
    );
  });
  return { child, url: ready.url, port: ready.port, script };
}

/** A loopback HTTP relay to `target` that records every request it passes on and the answer it relays back. */
async function startRequestCounter(target: string): Promise<RequestCounter> {
  const to = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const passed: Passed[] = [];
  const server: Server = createServer((req, res) => {
    const header = req.headers['x-tracker-window'];
    const record: Passed = {
      window: typeof header === 'string' ? header : null,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      status: null,
      body: '',
      deltas: 0,
      done: false,
    };
    passed.push(record);
    const upstream = httpRequest(
      // Under the proxy's secret start path: the clients talk to the counter without it.
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: `${to.pathname.replace(/\/$/, '')}${req.url ?? '/'}`,
        headers: req.headers,
        agent,
      },
      (answer) => {
        record.status = answer.statusCode ?? null;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          record.body += chunk.toString();
          record.deltas = record.body.split('event: content_block_delta').length - 1;
          res.write(chunk);
        });
        answer.on('end', () => {
          record.done = true;
          res.end();
        });
        answer.on('error', () => res.destroy());
        answer.on('aborted', () => res.destroy());
      },
    );
    upstream.on('error', () => res.destroy());
    // The client hung up before its answer ended: hang up on the proxy too (a request's own 'close' only says its body was read).
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    passed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** The real claude, pointed at the request counter (which passes everything on to the proxy). */
function startClaudeViaCounter(
  world: TrackerWorld,
  prompt: string,
  windowId: string,
  cwd: string,
  extraEnv: Record<string, string> = {},
): ResultPromise {
  const env = { ...claudeEnv(world, counterOf(world).url, { 'x-tracker-window': windowId, 'x-tracker-agent': 'e2e-claude' }), ...extraEnv };
  return startClient(world, 'claude', claudeArgs(prompt, ['--permission-mode', 'acceptEdits']), env, cwd);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---- set-up ----------------------------------------------------------------------------------------------------------

Given('a scripted model server process {string} playing {string}', async function (this: TrackerWorld, name: string, script: string) {
  stateOf(this).processes.set(name, await startBackendProcess(this, script, 0));
});

Given(
  'the tracker proxy runs in front of process {string}, with a request counter between the real clients and the proxy',
  async function (this: TrackerWorld, name: string) {
    const lab = labOf(this);
    await lab.startProxy(['--upstream', processOf(this, name).url]);
    assert.ok(lab.proxyUrl);
    stateOf(this).counter = await startRequestCounter(lab.proxyUrl);
  },
);

// ---- acting ----------------------------------------------------------------------------------------------------------

When(
  'the real claude client runs {string} in window {string} with CLAUDE_CODE_MAX_RETRIES={int}, and process {string} is killed with SIGKILL once {int} text deltas have reached the client',
  async function (this: TrackerWorld, prompt: string, windowId: string, retries: number, name: string, deltas: number) {
    const backend = processOf(this, name);
    const counter = counterOf(this);
    const cwd = await freshRepo(this, 'claude-backend-killed');
    // Claude Code's default is 10 retries with backoff up to ~37 s: about 146 s against a dead back end (see
    // docs/compatibility.md). The scenario caps them with Claude Code's own setting to stay within the suite's time.
    const child = startClaudeViaCounter(this, prompt, windowId, cwd, { CLAUDE_CODE_MAX_RETRIES: String(retries) });
    const deadline = Date.now() + 60_000;
    while (!counter.passed.some((r) => r.window === windowId && r.deltas >= deltas)) {
      assert.ok(Date.now() < deadline, `the real claude did not get ${deltas} text deltas within 60 s`);
      if (child.exitCode !== null) {
        const run = await child;
        const seen = JSON.stringify(counter.passed.map((r) => [r.path, r.status, r.body.slice(0, 300)]));
        assert.fail(
          `the real claude ended (exit ${run.exitCode}) before the back end streamed to it; the counter saw ${seen}\n${String(run.stdout).slice(-1500)}\n${String(run.stderr).slice(-1500)}`,
        );
      }
      await sleep(10);
    }
    const streaming = counter.passed.find((r) => r.window === windowId && r.deltas >= deltas);
    assert.ok(streaming && !streaming.done, 'the answer ended before the back end could be killed mid-stream');
    backend.child.kill('SIGKILL');
    const dead = await backend.child;
    assert.equal(dead.signal, 'SIGKILL', `the back end ended by itself (exit ${dead.exitCode}) before the kill`);
    await finishClient(this, 'claude', windowId, cwd, child);
  },
);

When('process {string} is restarted on the same port playing {string}', async function (this: TrackerWorld, name: string, script: string) {
  const old = processOf(this, name);
  assert.ok(old.child.exitCode !== null || old.child.signalCode !== null, `process ${name} is still running`);
  const backend = await startBackendProcess(this, script, old.port);
  assert.equal(backend.url, old.url);
  stateOf(this).processes.set(name, backend);
});

When(
  'the real claude client runs {string} through the request counter in window {string}',
  async function (this: TrackerWorld, prompt: string, windowId: string) {
    const cwd = await freshRepo(this, 'claude-after-restart');
    await finishClient(this, 'claude', windowId, cwd, startClaudeViaCounter(this, prompt, windowId, cwd));
  },
);

// ---- outcomes --------------------------------------------------------------------------------------------------------

Then(
  "the real claude client gave up with exit {int} on the proxy's 502 after {int} requests: the cut stream, then {int} retries of which Claude Code announced {int}",
  function (this: TrackerWorld, code: number, requests: number, retries: number, announced: number) {
    const run = lastRun(this, 'claude');
    const tail = `\n${run.stderr.slice(-1500)}\n${run.stdout.slice(-1500)}`;
    assert.equal(run.exitCode, code, `the real claude exited ${run.exitCode}${tail}`);
    assert.equal(requests, 1 + retries);
    // What the client got, as the counter relayed it: first a 200 stream the proxy closed with an error event (no
    // message_stop) once the back end vanished, then the proxy's 502 for every retry (the back end refuses connections).
    const passed = counterOf(this).passed.filter((r) => r.window === run.windowId);
    assert.deepEqual(
      passed.map((r) => `${r.method} ${r.path} ${r.status}`),
      ['POST /v1/messages 200', ...Array<string>(retries).fill('POST /v1/messages 502')],
      'requests the proxy got',
    );
    const [cut, ...failed] = passed;
    assert.ok(
      cut && cut.deltas > 0 && !cut.body.includes('message_stop'),
      `the first answer was not cut mid-stream: ${cut?.body.slice(-400)}`,
    );
    assert.match(
      cut.body.slice(-600),
      /event: error[\s\S]*closed the connection/,
      `the cut stream did not end with the proxy's error event: ${cut.body.slice(-400)}`,
    );
    for (const answer of failed)
      assert.match(answer.body, /unreachable \(ECONNREFUSED\)/, `a retry's answer: ${answer.body.slice(0, 300)}`);
    // Claude Code retries the cut stream at once and says nothing about it; only the retries after that are announced
    // (`system`/`api_retry`), and their `max_retries` is one less than CLAUDE_CODE_MAX_RETRIES: the silent one counted.
    const notes = run.events.filter((e) => e.type === 'system' && e.subtype === 'api_retry');
    assert.equal(notes.length, announced, `api_retry lines: ${JSON.stringify(notes)}`);
    for (const note of notes)
      assert.deepEqual([note.error_status, note.max_retries], [502, announced], `api_retry: ${JSON.stringify(note)}`);
    // Its final `result` is an error (`subtype` still says "success") carrying the proxy's 502 message.
    const result = run.events.find((e) => e.type === 'result');
    assert.ok(result, `no result line${tail}`);
    assert.deepEqual(
      [result.is_error, result.api_error_status, result.terminal_reason],
      [true, 502, 'api_error'],
      `result: ${JSON.stringify(result).slice(0, 600)}`,
    );
    assert.match(String(result.result), /502 tracker proxy: back end .* is unreachable/);
  },
);

Then("the proxy's health endpoint answers ok", async function (this: TrackerWorld) {
  const url = labOf(this).proxyUrl;
  assert.ok(url, 'the proxy is not running');
  const answer = await fetch(`${url}/_tracker/health`);
  assert.equal(answer.status, 200);
  assert.equal(((await answer.json()) as { ok?: unknown }).ok, true);
});

function describeRow(row: Row): string {
  return [String(row.status), ...(row.error_type ? [String(row.error_type)] : []), ...(row.aborted ? ['aborted'] : [])].join(' ');
}

Then(
  'after the proxy stops, window {string} has telemetry {string}',
  async function (this: TrackerWorld, windowId: string, expected: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => row.window_id === windowId);
    assert.deepEqual(
      rows.map(describeRow),
      expected.split(',').map((s) => s.trim()),
      `telemetry of ${windowId}`,
    );
  },
);

/**
 * Claude Code's `result.usage` after it gave up holds the usage of the answer that died: its `message_start` (the
 * scripted server's input estimate, and the placeholder output of 1). The proxy's cut row has the same numbers and its
 * 502 rows none, so the totals equal the window's telemetry.
 */
Then(
  "the real claude client's totals equal window {string}'s telemetry, which is the cut answer's message_start usage",
  function (this: TrackerWorld, windowId: string) {
    const own = claudeTotals(this, windowId);
    const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => row.window_id === windowId);
    const sum = rows.reduce<Counts>(
      (acc, row) => ({
        input: acc.input + num(row.prompt_tokens),
        output: acc.output + num(row.completion_tokens),
        cache_read: acc.cache_read + num(row.cache_read_tokens),
        cache_creation: acc.cache_creation + num(row.cache_creation_tokens),
      }),
      { input: 0, output: 0, cache_read: 0, cache_creation: 0 },
    );
    const cut = rows.filter((row) => row.error_type === 'upstream_reset');
    assert.equal(cut.length, 1);
    assert.deepEqual(own, sum, `claude's totals ${JSON.stringify(own)} != the window's telemetry ${JSON.stringify(sum)}`);
    assert.equal(own.output, 1, 'the output is not the message_start placeholder');
    assert.ok(own.input > 0 && own.input === num(cut[0]?.prompt_tokens));
  },
);

Then('telemetry has exactly one row per request the counter passed to the proxy', async function (this: TrackerWorld) {
  await labOf(this).stopProxy();
  const key = (window: unknown, path: unknown, status: unknown): string => `${String(window)} ${String(path)} ${String(status)}`;
  const passed = counterOf(this)
    .passed.map((r) => key(r.window, r.path, r.status))
    .sort();
  const rows = this.readRows('proxy_telemetry.jsonl')
    .map((row) => key(row.window_id, row.path, row.status))
    .sort();
  assert.ok(passed.length > 0);
  assert.deepEqual(rows, passed, `${rows.length} telemetry rows for ${passed.length} requests`);
});

function claudeTotals(world: TrackerWorld, windowId: string): Counts {
  const run = e2eOf(world)
    .runs.filter((r) => r.client === 'claude' && r.windowId === windowId)
    .at(-1);
  assert.ok(run, `no real claude ran in window ${windowId}`);
  const usage = run.events.find((e) => e.type === 'result')?.usage as Row | undefined;
  assert.ok(usage, `claude printed no result usage in window ${windowId}`);
  return {
    input: num(usage.input_tokens),
    output: num(usage.output_tokens),
    cache_read: num(usage.cache_read_input_tokens),
    cache_creation: num(usage.cache_creation_input_tokens),
  };
}
