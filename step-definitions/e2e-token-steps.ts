// Steps of the @e2e token-agreement and routing features: server, proxy telemetry, the client's totals and ccusage.
import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import { ccusageCounts, clientCounts, serverCounts, telemetryCounts } from './e2e-counts.js';
import { asClient, fmt } from './e2e-shared.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

// ---- token agreement -------------------------------------------------------------------------------------------------

Then(
  'the tokens agree four ways for the real {word} client in window {string}: server, proxy telemetry, client totals and ccusage',
  async function (this: TrackerWorld, word: string, windowId: string) {
    const client = asClient(word);
    const lab = labOf(this);
    await lab.stopProxy();
    const server = serverCounts(this);
    const { counts: telemetry, rows } = telemetryCounts(this, windowId, client);
    const own = clientCounts(this, client);
    assert.ok(rows.length > 0, `no telemetry rows in window ${windowId}`);
    assert.ok(server.output > 0, 'the scripted server sent no complete answer');
    assert.deepEqual(telemetry, server, `proxy telemetry (${fmt(telemetry)}) != what the server sent (${fmt(server)})`);
    assert.deepEqual(own, server, `the ${client} client's own totals (${fmt(own)}) != what the server sent (${fmt(server)})`);
    const cc = await ccusageCounts(this, client);
    for (const field of cc.compared) {
      assert.equal(
        cc.counts[field],
        server[field],
        `ccusage ${client} ${field} = ${cc.counts[field]}, the server sent ${server[field]} (ccusage: ${fmt(cc.counts)}; server: ${fmt(server)})`,
      );
    }
    const answers = [...lab.scripted.values()].reduce(
      (n, s) => n + s.sent.filter((r) => r.status === 200 && r.outcome === 'complete' && r.usage).length,
      0,
    );
    assert.equal(rows.length, answers, `${rows.length} telemetry rows for ${answers} answers`);
  },
);

// ---- sub-agent routing -----------------------------------------------------------------------------------------------

Then(
  'server {string} received the haiku request as model {string}, and telemetry attributes it to back end {string} and sub-agent {string}',
  async function (this: TrackerWorld, name: string, model: string, backend: string, subagent: string) {
    const lab = labOf(this);
    await lab.stopProxy();
    const server = lab.scripted.get(name);
    assert.ok(server, `no server ${name}`);
    const models = server.sent.filter((r) => r.step_index !== null).map((r) => r.model);
    assert.ok(
      models.length > 0 && models.every((m) => m === model),
      `server ${name} got models ${JSON.stringify(models)}, expected all ${model}`,
    );
    const rows = this.readRows('proxy_telemetry.jsonl').filter((row) => String(row.requested_model ?? '').includes('haiku'));
    assert.ok(rows.length > 0, 'no telemetry row for a haiku request');
    for (const row of rows) {
      assert.deepEqual(
        [row.backend_provider, row.model, row.subagent_id],
        [backend, model, subagent],
        `telemetry row ${JSON.stringify(row).slice(0, 400)}`,
      );
    }
    const others = this.readRows('proxy_telemetry.jsonl').filter((row) => !String(row.requested_model ?? '').includes('haiku'));
    assert.ok(
      others.every((row) => row.backend_provider !== backend),
      'a non-haiku request went to the sub-agent back end',
    );
  },
);
