// The scripted server under the proxy's binding rule, and request text escaped before it is shown.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { parseScript } from './load-script.js';
import { formatSentRecord, type SentRecord } from './sent-record.js';
import { startScriptedServer, type ScriptedServer } from './start-scripted-server.js';

const script = parseScript({ steps: [{ type: 'text', text: 'hi' }] });
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('scripted server hardening', () => {
  it('refuses a non-loopback host without a token, naming the variable', async () => {
    const error = await startScriptedServer({ script, host: '0.0.0.0', authToken: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain('TRACKER_MODEL_SERVER_AUTH_TOKEN');
  });

  it('with a token, answers only requests that carry it (as x-api-key, Bearer or x-tracker-auth)', async () => {
    server = await startScriptedServer({ script, authToken: 'model-token-123' });
    const post = (headers: Record<string, string>) =>
      fetch(`${server?.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"model":"m","messages":[]}',
      });
    const refused = await post({});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const accepted: Record<string, string>[] = [
      { 'x-api-key': 'model-token-123' },
      { authorization: 'Bearer model-token-123' },
      { 'x-tracker-auth': 'model-token-123' },
    ];
    for (const headers of accepted) {
      const answer = await post(headers);
      await answer.text();
      expect(answer.status).toBe(200);
    }
  });

  it('escapes terminal control characters in a bad-JSON answer and in its log line', async () => {
    const lines: string[] = [];
    server = await startScriptedServer({ script, log: (line) => lines.push(line) });
    const answer = await fetch(`${server.url}/v1/messages`, { method: 'POST', body: '\u001b[2J\u001b]0;pwned\u0007' });
    const text = JSON.stringify(await answer.json());
    expect(answer.status).toBe(400);
    expect(text).not.toMatch(/\\u001b|\\u0007/);
    expect(text).toContain('\\\\x1b[2J');
    const record = {
      seq: 1,
      method: 'POST',
      path: '/v1/x',
      model: 'm\u001b[31m',
      step_index: null,
      status: 200,
      outcome: 'complete',
      usage: null,
      duration_ms: 1,
    } as unknown as SentRecord;
    expect(formatSentRecord(record)).toBe('#1 POST /v1/x model=m\\x1b[31m 200 complete 1ms');
  });
});
