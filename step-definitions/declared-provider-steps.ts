// Steps of the declared-provider spec: a compatible back end written into the data dir's providers.json and used whole.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then } from '@cucumber/cucumber';
import { getBuiltinScript, startScriptedServer, type Script } from '../model-server/index.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');

Given('a scripted model server {string} solving the task bank', async function (this: TrackerWorld, name: string) {
  labOf(this).scripted.set(name, await startScriptedServer({ script: getBuiltinScript('hello') as Script, solver: { tasksDir: BANK } }));
});

Given(
  "the data dir's providers.json declares {string} at server {string}:",
  function (this: TrackerWorld, id: string, server: string, entry: string) {
    const declared = { url: labOf(this).urlOf(server), ...(JSON.parse(entry) as object) };
    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(join(this.dataDir, 'providers.json'), JSON.stringify({ providers: { [id]: declared } }, null, 2));
  },
);

Then(
  'the scripted server {string} received the key {string} in x-api-key on every model request, and nothing reached it without',
  function (this: TrackerWorld, server: string, key: string) {
    const sent = (labOf(this).scripted.get(server)?.sent ?? []).filter((record) => record.path.startsWith('/v1/messages'));
    assert.ok(sent.length >= 2, `only ${sent.length} model requests reached ${server}`);
    for (const record of sent) assert.equal(record.request_headers['x-api-key'], key, `${record.path} came without the declared key`);
  },
);

Then('every usage row of {string} is priced in dollars from the declared prices', function (this: TrackerWorld, provider: string) {
  this.expectSuccess();
  const view = JSON.parse(this.last.stdout) as {
    rows: Array<{ provider: string; model: string; usd: number | null; usd_reason?: string }>;
  };
  const rows = view.rows.filter((row) => row.provider === provider);
  assert.ok(rows.length > 0, `no usage row of ${provider}: ${this.last.stdout.slice(0, 400)}`);
  for (const row of rows)
    assert.ok(row.usd !== null && row.usd > 0, `${provider} ${row.model}: usd ${String(row.usd)} (${row.usd_reason ?? ''})`);
});
