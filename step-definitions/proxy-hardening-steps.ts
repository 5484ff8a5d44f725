// Steps of the proxy hardening spec: raw sockets that stall, limits set through TRACKER_PROXY_* variables, the binding rule.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { request } from 'undici';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import { TRACKER_BIN, type TrackerWorld } from './world.js';

/** What a raw socket saw: the bytes it got and when it closed (performance.now()), per scenario. */
interface RawWatch {
  openedAt: number;
  received: string;
  closed: Promise<number>;
}
const watches = new WeakMap<TrackerWorld, RawWatch>();

const LIMIT_VARIABLES: Record<string, string> = {
  'header timeout': 'TRACKER_PROXY_HEADERS_TIMEOUT_MS',
  'keep-alive timeout': 'TRACKER_PROXY_KEEP_ALIVE_TIMEOUT_MS',
  'body cap': 'TRACKER_PROXY_MAX_BODY_BYTES',
};

/** Opens a raw connection to the proxy, writes `text`, and records what comes back until the proxy closes it. */
function watchRawSocket(world: TrackerWorld, text: string): RawWatch {
  const { hostname, port } = new URL(labOf(world).proxyUrl ?? '');
  // Under the start path, as a client told the proxy's URL writes its request line.
  const request = text.replace(/^([A-Z]+) \//, `$1 ${labOf(world).basePath()}/`);
  const socket: Socket = connect(Number(port), hostname, () => socket.write(request));
  const watch: RawWatch = { openedAt: performance.now(), received: '', closed: Promise.resolve(0) };
  watch.closed = new Promise((resolve) => {
    socket.on('data', (chunk: Buffer) => (watch.received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(performance.now()));
  });
  // The spec's own guard: a socket the proxy never closes must not outlive the scenario.
  setTimeout(() => socket.destroy(), 4_000).unref();
  watches.set(world, watch);
  return watch;
}

Given(
  'the proxy runs with upstream {string} and its {string} set to {int}',
  async function (this: TrackerWorld, upstream: string, limit: string, value: number) {
    const variable = LIMIT_VARIABLES[limit];
    if (!variable) throw new Error(`no limit named ${limit} (expected one of ${Object.keys(LIMIT_VARIABLES).join(', ')})`);
    const lab = labOf(this);
    await lab.startProxy(['--upstream', lab.urlOf(upstream)], { [variable]: String(value) });
  },
);

Given(
  'the proxy runs with upstream {string} and auth token {string}',
  async function (this: TrackerWorld, upstream: string, token: string) {
    const lab = labOf(this);
    await lab.startProxy(['--upstream', lab.urlOf(upstream), '--auth-token', token]);
  },
);

When('a client opens a connection and sends only part of its headers', function (this: TrackerWorld) {
  watchRawSocket(this, 'POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
});

When('a client makes one keep-alive request and then stays idle', async function (this: TrackerWorld) {
  const watch = watchRawSocket(this, 'GET /_tracker/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  for (let waited = 0; !watch.received.includes('"ok":true') && waited < 2_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.match(watch.received, /^HTTP\/1\.1 200/, 'the keep-alive request was not answered');
  watch.openedAt = performance.now();
});

Then('the proxy closes that connection within {int} ms', async function (this: TrackerWorld, limit: number) {
  const watch = watches.get(this);
  assert.ok(watch, 'no raw connection was opened');
  const closedAt = await watch.closed;
  const after = closedAt - watch.openedAt;
  assert.ok(
    after < limit,
    `the proxy closed the connection after ${after.toFixed(0)} ms (limit ${limit} ms); it sent ${JSON.stringify(watch.received.slice(0, 80))}`,
  );
});

Then('the proxy answered that connection with status {int}', function (this: TrackerWorld, status: number) {
  const watch = watches.get(this);
  assert.match(watch?.received ?? '', new RegExp(`^HTTP/1\\.1 ${status} `));
});

When('a client sends a message of {int} KB', async function (this: TrackerWorld, kilobytes: number) {
  await labOf(this).send('/v1/messages', {
    model: 'claude-sonnet-4-5',
    max_tokens: 8,
    messages: [{ role: 'user', content: 'x'.repeat(kilobytes * 1024) }],
  });
});

When('a client asks for the proxy health with token {string}', async function (this: TrackerWorld, token: string) {
  const lab = labOf(this);
  const response = await request(`${lab.proxyUrl}/_tracker/health`, { headers: token === '' ? {} : { 'x-tracker-auth': token } });
  lab.answers.push({
    status: response.statusCode,
    headers: response.headers,
    body: Buffer.from(await response.body.arrayBuffer()),
    hungUpAt: null,
  });
});

Then('the client got status {int} and a health report', function (this: TrackerWorld, status: number) {
  const answer = labOf(this).answers.at(-1);
  assert.equal(answer?.status, status, answer?.body.toString());
  assert.equal((JSON.parse(answer.body.toString()) as { ok?: boolean }).ok, true);
});

Then('the answer closed its connection', function (this: TrackerWorld) {
  assert.equal(labOf(this).answers.at(-1)?.headers.connection, 'close');
});

When(
  'I run {string} with the variable {word} set to {string}',
  async function (this: TrackerWorld, line: string, name: string, value: string) {
    await this.runTracker(splitArgs(line), { env: { [name]: value } });
  },
);

When('the model server is started on host {string} without a token', async function (this: TrackerWorld, host: string) {
  // A server that wrongly starts would run until killed: the timeout turns that into a failure.
  const child = await execa(process.execPath, [TRACKER_BIN, 'model-server', '--host', host, '--port', '0'], {
    cwd: this.workDir,
    env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', TRACKER_MODEL_SERVER_AUTH_TOKEN: '' },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
    timeout: 4_000,
  });
  this.results.push({
    command: `tracker model-server --host ${host}`,
    exitCode: child.exitCode ?? -1,
    stdout: String(child.stdout),
    stderr: String(child.stderr),
  });
});

When(
  'the model server is started with {string} and asked for its models with token {string} and then {string}',
  async function (this: TrackerWorld, flags: string, first: string, second: string) {
    const child = execa(process.execPath, [TRACKER_BIN, 'model-server', '--port', '0', '--json', ...splitArgs(flags)], {
      cwd: this.workDir,
      env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', TRACKER_MODEL_SERVER_AUTH_TOKEN: '' },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
      timeout: 10_000,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout?.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { url: string }).url));
        void child.then((ended) => reject(new Error(`the model server exited: ${String(ended.stderr)}`)));
      });
      for (const token of [first, second]) {
        const response = await request(`${url}/v1/models`, { headers: token === '' ? {} : { 'x-tracker-auth': token } });
        labOf(this).answers.push({
          status: response.statusCode,
          headers: response.headers,
          body: Buffer.from(await response.body.arrayBuffer()),
          hungUpAt: null,
        });
      }
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  },
);

Then('the two answers had status {int} and {int}', function (this: TrackerWorld, first: number, second: number) {
  assert.deepEqual(
    labOf(this)
      .answers.slice(-2)
      .map((answer) => answer.status),
    [first, second],
  );
});

Then('the model server refused to start, naming {string}', function (this: TrackerWorld, text: string) {
  const result = this.last;
  assert.notEqual(result.exitCode, 0, `it started: ${result.stdout}`);
  assert.ok(result.stderr.includes(text), result.stderr);
});

When("a local process that was not told the proxy's URL posts a message to {string}", async function (this: TrackerWorld, path: string) {
  // What an arm's agent or a web page can reach: the port on loopback, without the secret path the proxy printed.
  const lab = labOf(this);
  const { origin } = new URL(lab.proxyUrl ?? '');
  const body = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
  const method = path.startsWith('/_tracker/') ? 'GET' : 'POST';
  const response = await request(`${origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-stolen' },
    ...(method === 'POST' ? { body } : {}),
  });
  lab.answers.push({
    status: response.statusCode,
    headers: response.headers,
    body: Buffer.from(await response.body.arrayBuffer()),
    hungUpAt: null,
  });
});
