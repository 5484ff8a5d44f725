// The capacity probe as each API takes it: the ChatGPT back end's probe streams, is not stored, and carries the placeholder login.
import { afterEach, describe, expect, it } from 'vitest';
import { parseScript, startScriptedServer, type ScriptedServer } from '../../model-server/index.js';
import { PLACEHOLDER_ACCOUNT_ID } from '../drivers/codex-placeholder-login.js';
import { probeCapacity } from './probe-capacity.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('probeCapacity', () => {
  it('probes the ChatGPT back end as it accepts: /backend-api/codex/responses, a stream, store false, a login', async () => {
    server = await startScriptedServer({ script: parseScript({ steps: [{ type: 'text', text: 'OK' }] }) });
    const result = await probeCapacity({
      proxyUrl: server.url,
      api: 'chatgpt',
      model: 'gpt-5-codex',
      headers: { 'x-tracker-window': 'W.before' },
    });
    expect(result).toEqual({ ok: true, status: 200, detail: 'ok', budgetSpent: false });
    expect(server.sent[0]).toMatchObject({ route: 'chatgpt_responses', status: 200, stream: true });
    expect(server.sent[0]?.request_headers['chatgpt-account-id']).toBe(PLACEHOLDER_ACCOUNT_ID);
  });

  it('keeps the API-key probe on /v1/responses, one short JSON answer', async () => {
    server = await startScriptedServer({ script: parseScript({ steps: [{ type: 'text', text: 'OK' }] }) });
    const result = await probeCapacity({ proxyUrl: server.url, api: 'responses', model: 'gpt-5-codex', headers: {}, apiKey: 'sk-x' });
    expect(result.ok).toBe(true);
    expect(server.sent[0]).toMatchObject({ route: 'responses', stream: false });
  });
});
