// Steps of the viewer's @hardening spec: a real `experiment view` process, a hostile page in Chromium, malformed raw requests.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { After, Given, Then, When } from '@cucumber/cucumber';
import { buildMalformedRequests, request, sendRaw } from './malformed-requests.js';
import { startViewerProcess, type ViewerProcess } from './viewer-process.js';
import { launchChromium } from './viewer-steps.js';
import type { TrackerWorld } from './world.js';

const viewers = new WeakMap<TrackerWorld, { viewer: ViewerProcess; token: string | null }>();

function viewerOf(world: TrackerWorld): { viewer: ViewerProcess; token: string | null } {
  const entry = viewers.get(world);
  assert.ok(entry, 'no experiment view runs in this scenario');
  return entry;
}

/** `experiment view` with nothing of this process's environment but PATH, on the scenario's data dir. */
Given('{string} is running on the data dir', async function (this: TrackerWorld, line: string) {
  mkdirSync(this.dataDir, { recursive: true });
  const args = line.split(' ').slice(2);
  const token = args.includes('--token') ? (args[args.indexOf('--token') + 1] ?? null) : null;
  const env = { PATH: process.env.PATH ?? '', TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', ...this.ledgerEnv() };
  viewers.set(this, { viewer: await startViewerProcess(this, args, env), token });
});

async function askRuns(world: TrackerWorld): Promise<number | 'closed'> {
  const { viewer, token } = viewerOf(world);
  return sendRaw(viewer.port, request('/api/runs', `Host: 127.0.0.1${token === null ? '' : `\r\nX-Tracker-Auth: ${token}`}`));
}

When(
  'a page on another origin with images pointing at the viewer paths {string} is opened in Chromium',
  async function (this: TrackerWorld, paths: string) {
    const { viewer } = viewerOf(this);
    const images = paths.split(' ').map((path) => `<img src="http://127.0.0.1:${viewer.port}${path}">`);
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

When('every malformed request of the corpus is sent to it on a raw socket', async function (this: TrackerWorld) {
  const { viewer } = viewerOf(this);
  const answers: string[] = [];
  for (const [name, raw] of buildMalformedRequests(viewer.port)) {
    const status = await sendRaw(viewer.port, raw);
    answers.push(`${name}: ${status}`);
    assert.ok(status === 'closed' || (status >= 200 && status < 500), `${name} got ${status}`);
    assert.equal(await askRuns(this), 200, `the viewer stopped answering after ${name}`);
  }
  this.log(answers.join('\n'));
});

Then('the viewer still answers {string} with {int}', async function (this: TrackerWorld, path: string, status: number) {
  assert.equal(path, '/api/runs');
  const { viewer } = viewerOf(this);
  assert.equal(viewer.child.exitCode, null, 'experiment view has ended');
  assert.equal(await askRuns(this), status);
});

After(async function (this: TrackerWorld) {
  await viewers.get(this)?.viewer.stop();
});
