// Steps of the notification specs: a webhook of our own on 127.0.0.1 that records what it got, and the data dir's notify.json.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

interface Webhook {
  url: string;
  bodies: string[];
}

const hooks = new WeakMap<TrackerWorld, Webhook>();
/** The webhook's path stands for a Slack or ntfy secret: it must never be printed. */
const SECRET_PATH = '/services/T0SPEC/B0SPEC/specWebhookSecret77';

async function startWebhook(world: TrackerWorld, answers: boolean): Promise<void> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      bodies.push(body);
      if (answers) res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  world.addStop(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  hooks.set(world, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${SECRET_PATH}`, bodies });
}

function hookOf(world: TrackerWorld): Webhook {
  const hook = hooks.get(world);
  assert.ok(hook, 'no webhook started in this scenario');
  return hook;
}

Given('a webhook on 127.0.0.1 that records what it gets', async function (this: TrackerWorld) {
  await startWebhook(this, true);
});

Given('a webhook on 127.0.0.1 that never answers', async function (this: TrackerWorld) {
  await startWebhook(this, false);
});

/** The data dir's notify.json, WEBHOOK_URL in it replaced by the webhook's address. */
Given('the data dir holds notify.json:', function (this: TrackerWorld, text: string) {
  mkdirSync(this.dataDir, { recursive: true });
  const url = hooks.get(this)?.url ?? 'http://127.0.0.1:9/none';
  writeFileSync(join(this.dataDir, 'notify.json'), text.replaceAll('WEBHOOK_URL', url));
});

Then('the webhook got {int} message(s)', function (this: TrackerWorld, count: number) {
  assert.equal(hookOf(this).bodies.length, count, `the webhook got: ${JSON.stringify(hookOf(this).bodies)}`);
});

Then('the webhook got {int} request(s) or more', function (this: TrackerWorld, count: number) {
  assert.ok(hookOf(this).bodies.length >= count, `the webhook got ${hookOf(this).bodies.length} requests`);
});

Then(
  "the webhook's message {int} has {string} matching {string}",
  function (this: TrackerWorld, index: number, field: string, pattern: string) {
    const body = hookOf(this).bodies[index - 1];
    assert.ok(body !== undefined, `no message ${index}`);
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    assert.match(String(value), new RegExp(pattern), `message ${index}: ${body}`);
  },
);

Then("no output holds a piece of the webhook's path", function (this: TrackerWorld) {
  for (const piece of SECRET_PATH.split('/').filter((part) => part.length > 6))
    assert.ok(!`${this.last.stdout}${this.last.stderr}`.includes(piece), `"${piece}" was printed:\n${this.last.stderr}`);
});
