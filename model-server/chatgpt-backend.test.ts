// The ChatGPT back end's routes over HTTP: /backend-api/codex/responses answers as Codex reads it, refuses as the real one does.
import { afterEach, describe, expect, it } from 'vitest';
import { parseScript } from './load-script.js';
import { parseSseText } from './parse-sse-text.js';
import { startScriptedServer, type ScriptedServer } from './start-scripted-server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const USAGE = { input_tokens: 1000, output_tokens: 9, cache_read_input_tokens: 200, cache_creation_input_tokens: 50 };
const LOGIN = { authorization: 'Bearer chatgpt-access-token-1', 'chatgpt-account-id': 'acct-unit-1' };
/** The body fields the real back end insists on, as Codex 0.169.0 sends them. */
const CODEX_BODY = { model: 'gpt-5-codex', stream: true, store: false, input: [] };

async function start(): Promise<ScriptedServer> {
  server = await startScriptedServer({
    script: parseScript({ steps: [{ type: 'text', text: 'Hello from the ChatGPT back end.', usage: USAGE }] }),
  });
  return server;
}

function post(url: string, body: object, headers: Record<string, string>): Promise<Response> {
  return fetch(`${url}/backend-api/codex/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('POST /backend-api/codex/responses', () => {
  it('streams the Responses events to response.completed with usage and the x-codex-* bars, with the login it was sent', async () => {
    const { url, sent } = await start();
    const response = await post(url, CODEX_BODY, LOGIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-codex-primary-used-percent')).toBe('10');
    expect(response.headers.get('x-codex-secondary-window-minutes')).toBe('10080');
    const events = parseSseText(await response.text());
    expect(events.at(-1)?.event).toBe('response.completed');
    expect((events.at(-1)?.json?.response as Record<string, unknown>).usage).toMatchObject({ input_tokens: 1250, output_tokens: 9 });
    expect(sent[0]).toMatchObject({ route: 'chatgpt_responses', status: 200, step_index: 0, usage: USAGE });
    expect(sent[0]?.request_headers).toMatchObject(LOGIN);
  });

  it.each([
    ['no Authorization', { 'chatgpt-account-id': 'acct-unit-1' }],
    ['no chatgpt-account-id', { authorization: 'Bearer chatgpt-access-token-1' }],
    ['an empty bearer', { authorization: 'Bearer ', 'chatgpt-account-id': 'acct-unit-1' }],
  ])('refuses %s with 401 {"detail":"Unauthorized"}', async (_what, headers) => {
    const { url, sent } = await start();
    const response = await post(url, CODEX_BODY, headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: 'Unauthorized' });
    expect(sent[0]).toMatchObject({ route: 'chatgpt_responses', status: 401, usage: null, step_index: null });
  });

  it.each([
    [{ ...CODEX_BODY, store: true }, 'Store must be set to false'],
    [{ model: 'gpt-5-codex', stream: true, input: [] }, 'Store must be set to false'],
    [{ ...CODEX_BODY, stream: false }, 'Stream must be set to true'],
  ])('refuses %j with 400 and the real detail, and spends no step on it', async (body, detail) => {
    const { url, sent } = await start();
    const refused = await post(url, body, LOGIN);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ detail });
    const answered = await post(url, CODEX_BODY, LOGIN);
    await answered.text();
    expect(sent.map((record) => [record.status, record.step_index])).toEqual([
      [400, null],
      [200, 0],
    ]);
  });

  it('leaves the API-key path as it was: /v1/responses needs no account id and takes a non-streaming body', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-dummy' },
      body: JSON.stringify({ model: 'gpt-5-codex', input: 'hi' }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('completed');
  });
});

describe('GET /backend-api/codex/models', () => {
  it('lists no models (Codex falls back to its own metadata) and refuses a request without the login', async () => {
    const { url } = await start();
    const listed = await fetch(`${url}/backend-api/codex/models?client_version=0.169.0`, { headers: LOGIN });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ models: [] });
    const refused = await fetch(`${url}/backend-api/codex/models?client_version=0.169.0`);
    expect(refused.status).toBe(401);
  });

  it('answers only GET there: a POST to the model list is an unknown route', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/backend-api/codex/models`, { method: 'POST', headers: LOGIN, body: '{}' });
    expect(response.status).toBe(404);
  });
});
