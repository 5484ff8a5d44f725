// Steps of the declared-provider spec: a compatible back end written into the data dir's providers.json and used whole.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then } from '@cucumber/cucumber';
import { getBuiltinScript, startScriptedServer, type Script } from '../model-server/index.js';
import { appendRows, LEDGER_FILES, stampRow } from '../ledger/index.js';
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

Given(
  'the proxy carried {int} input and {int} output tokens of model {string} to back end {string} on {string}',
  function (this: TrackerWorld, input: number, output: number, model: string, backend: string, day: string) {
    const proxy = { agentId: 'main', source: 'proxy' as const };
    const row = stampRow(proxy, 'proxy-request', {
      timestamp: `${day}T10:00:00.000Z`,
      session_id: 's1',
      subagent_id: null,
      backend_provider: backend,
      model,
      prompt_tokens: input,
      completion_tokens: output,
      cache_read_tokens: 0,
      cache_creation_tokens: 0,
      latency_ms: 5,
      status: 200,
      trace_id: `proxy_${backend}_${model}`,
      account: null,
    });
    appendRows(this.dataDir, LEDGER_FILES.proxyTelemetry, [row], proxy);
  },
);

Then(
  'the usage row of {string} for model {string} costs {float} dollars',
  function (this: TrackerWorld, provider: string, model: string, usd: number) {
    this.expectSuccess();
    const view = JSON.parse(this.last.stdout) as { rows: Array<{ provider: string; model: string; usd: number | null }> };
    const row = view.rows.find((one) => one.provider === provider && one.model === model);
    assert.ok(row, `no usage row of ${provider} ${model}: ${this.last.stdout.slice(0, 400)}`);
    assert.ok(row.usd !== null && Math.abs(row.usd - usd) < 1e-9, `${provider} ${model}: usd ${String(row.usd)}, expected ${usd}`);
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
