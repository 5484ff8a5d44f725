// Steps of the viewer's @hardening spec: a real `experiment view` process, a hostile page in Chromium, malformed raw requests, an agent's sandbox.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { handOverSandbox, resolveIsolation, type SandboxCommand, wrapCommand } from '../runner/index.js';
import { buildMalformedRequests, formatRequest, sendRaw } from './malformed-requests.js';
import { startViewerProcess, type ViewerProcess } from './viewer-process.js';
import { launchChromium } from './viewer-steps.js';
import type { TrackerWorld } from './world.js';

const viewers = new WeakMap<TrackerWorld, ViewerProcess>();

export function viewerOf(world: TrackerWorld): ViewerProcess {
  const viewer = viewers.get(world);
  assert.ok(viewer, 'no experiment view runs in this scenario');
  return viewer;
}

/** `experiment view ARGS` with nothing of this process's environment but PATH, on the scenario's data dir. */
Given('{string} is running on the data dir', async function (this: TrackerWorld, line: string) {
  mkdirSync(this.dataDir, { recursive: true });
  const env = { PATH: process.env.PATH ?? '', TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', ...this.ledgerEnv() };
  const viewer = await startViewerProcess(this, line.split(' ').slice(2), env);
  viewers.set(this, viewer);
  this.addStop(() => viewer.stop());
});

function askRuns(world: TrackerWorld): Promise<number | 'closed'> {
  const { port, token } = viewerOf(world);
  return sendRaw(port, formatRequest('/api/runs', `Host: 127.0.0.1\r\nX-Tracker-Auth: ${token}`));
}

When(
  'a page on another origin with images pointing at the viewer paths {string} is opened in Chromium',
  async function (this: TrackerWorld, paths: string) {
    const { port } = viewerOf(this);
    const images = paths.split(' ').map((path) => `<img src="http://127.0.0.1:${port}${path}">`);
    // Another port is another origin: the page is any web page the user happens to open.
    const page = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><title>elsewhere</title>${images.join('')}`);
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/`, { waitUntil: 'load' });
      this.log(`opened a page loading ${images.length} images from the viewer`);
    } finally {
      await browser.close();
      page.close();
    }
  },
);

When(
  'every malformed request of the corpus is sent to it on a raw socket, with and without its token',
  async function (this: TrackerWorld) {
    const { port, token } = viewerOf(this);
    const answers: string[] = [];
    for (const presented of [null, token])
      for (const [name, raw] of buildMalformedRequests(port, presented)) {
        const status = await sendRaw(port, raw);
        answers.push(`${presented === null ? 'without' : 'with'} the token, ${name}: ${status}`);
        assert.ok(status === 'closed' || (status >= 200 && status < 500), `${name} got ${status}`);
        assert.equal(await askRuns(this), 200, `the viewer stopped answering after ${name}`);
      }
    this.log(answers.join('\n'));
  },
);

Then('the viewer still answers {string} with {int}', async function (this: TrackerWorld, path: string, status: number) {
  assert.equal(path, '/api/runs');
  assert.equal(viewerOf(this).child.exitCode, null, 'experiment view has ended');
  assert.equal(await askRuns(this), status);
});

/**
 * What a hostile agent tries (run as `node -e PROBE PORT WINDOW DATADIR`): another arm's evidence and the runs without
 * a token, every command line and environment it can see (where a token could be), the data dir, then `GET //`.
 */
const PROBE = `
const http = require('node:http'), fs = require('node:fs'), net = require('node:net');
const [port, windowId, dataDir] = process.argv.slice(1);
const ask = (path) => new Promise((resolve) => http.get({ host: '127.0.0.1', port, path }, (r) => { r.resume(); resolve(r.statusCode); }).on('error', (e) => resolve(e.code)));
const readable = (file) => { try { return fs.readFileSync(file, 'latin1'); } catch { return ''; } };
(async () => {
  const seen = fs.readdirSync('/proc').filter((name) => /^\\d+$/.test(name) && Number(name) !== process.pid);
  const texts = seen.map((pid) => readable('/proc/' + pid + '/cmdline') + readable('/proc/' + pid + '/environ')).join('\\n');
  let dataDirEntries = [];
  try { dataDirEntries = fs.readdirSync(dataDir); } catch {}
  const arm = await ask('/api/arm/' + encodeURIComponent(windowId));
  const runs = await ask('/api/runs');
  await new Promise((resolve) => { const s = net.connect(Number(port), '127.0.0.1', () => s.end('GET // HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n')); s.on('close', resolve); s.on('error', resolve); s.resume(); });
  process.stdout.write(JSON.stringify({ uid: process.getuid(), arm, runs, processes: seen.length, texts, dataDirEntries }));
})();`;

interface ProbeResult {
  uid: number;
  arm: number | string;
  runs: number | string;
  processes: number;
  texts: string;
  dataDirEntries: string[];
}
const probes = new WeakMap<TrackerWorld, { sandboxed: ProbeResult; host: ProbeResult }>();

When(
  "an agent in an arm's sandbox, built as the runner builds it, probes the viewer for another arm and sends it {string}",
  async function (this: TrackerWorld, _target: string) {
    const { port } = viewerOf(this);
    const window = readFileSync(this.ledgerFile('windows.jsonl'), 'utf8')
      .split('\n')
      .find((line) => line.includes('"kind":"window"'));
    assert.ok(window, 'the run recorded no window');
    const windowId = (JSON.parse(window) as { window_id: string }).window_id;
    const isolation = resolveIsolation({
      mode: 'bwrap',
      optOut: false,
      drivers: ['scripted'],
      commands: [],
      dataDir: this.dataDir,
      env: process.env,
    });
    const root = mkdtempSync(join(tmpdir(), 'agent-tracker-arm-'));
    mkdirSync(join(root, 'home'));
    handOverSandbox(isolation, root);
    const launch = {
      file: process.execPath,
      args: ['-e', PROBE, String(port), windowId, this.dataDir],
      env: { HOME: join(root, 'home') },
      cwd: root,
    };
    const run = async (command: SandboxCommand): Promise<ProbeResult> => {
      const result = await execa(command.file, command.args, { env: command.env, extendEnv: false, cwd: command.cwd, reject: false });
      assert.equal(result.exitCode, 0, `the probe failed: ${String(result.stderr).slice(0, 500)}`);
      return JSON.parse(String(result.stdout)) as ProbeResult;
    };
    const sandboxed = await run(wrapCommand(isolation, launch, { writable: root, shareNet: true }));
    // The same probe on the host, as the control: there it sees the viewer's command line, token included.
    const host = await run(launch);
    probes.set(this, { sandboxed, host });
    this.log(`sandboxed: uid ${sandboxed.uid}, ${sandboxed.processes} other processes, arm ${sandboxed.arm}, runs ${sandboxed.runs}`);
  },
);

Then(
  'the agent was refused with 401 and found no token in the processes, environments or data dir it can see',
  function (this: TrackerWorld) {
    const found = probes.get(this);
    assert.ok(found, 'no probe ran');
    const { token } = viewerOf(this);
    // The control: on the host the same probe sees the viewer's command line (and a token given there).
    const commandLine = `view\0${token === 'given-on-the-command-line' ? `--token\0${token}` : '--port\u00000'}`;
    assert.ok(found.host.texts.includes(commandLine), "the control failed: on the host the probe did not see the viewer's command line");
    assert.equal(found.sandboxed.arm, 401);
    assert.equal(found.sandboxed.runs, 401);
    assert.ok(!found.sandboxed.texts.includes(token), "the sandboxed agent read the viewer's token");
    assert.deepEqual(found.sandboxed.dataDirEntries, [], 'the sandboxed agent listed the data dir');
  },
);
