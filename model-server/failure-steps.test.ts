// Failures on purpose: error envelopes per API, errors inside a stream, cut streams, broken lines, and the side routes.
import { afterEach, describe, expect, it } from 'vitest';
import { parseScript } from './load-script.js';
import { parseSseText } from './parse-sse-text.js';
import type { ScriptInput } from './script-schema.js';
import { startScriptedServer, type ScriptedServer } from './start-scripted-server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(script: ScriptInput): Promise<ScriptedServer> {
  server = await startScriptedServer({ script: parseScript(script) });
  return server;
}

function post(url: string, path: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('error steps', () => {
  it('answer 529 in the Anthropic envelope, then recover (flaky)', async () => {
    const { url, sent } = await start({
      steps: [
        { type: 'error', status: 529 },
        { type: 'text', text: 'ok' },
      ],
    });
    const failed = await post(url, '/v1/messages', { stream: true, messages: [] });
    expect(failed.status).toBe(529);
    const requestId = failed.headers.get('request-id');
    expect(await failed.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: requestId,
    });
    expect(failed.headers.get('anthropic-ratelimit-unified-5h-utilization')).not.toBeNull();
    const recovered = await post(url, '/v1/messages', { stream: true, messages: [] });
    expect(recovered.status).toBe(200);
    await recovered.text();
    expect(sent.map((record) => [record.status, record.step_type, record.usage === null])).toEqual([
      [529, 'error', true],
      [200, 'text', false],
    ]);
  });

  it("answer in the OpenAI envelope on /v1/responses, with the script's type, message and code", async () => {
    const { url } = await start({
      steps: [
        {
          type: 'error',
          status: 429,
          error_type: 'usage_limit_reached',
          message: 'You have hit your usage limit.',
          code: 'usage_limit_reached',
          headers: { 'retry-after': '7' },
        },
      ],
    });
    const response = await post(url, '/v1/responses', { stream: true, input: [] });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({
      error: { message: 'You have hit your usage limit.', type: 'usage_limit_reached', param: null, code: 'usage_limit_reached' },
    });
  });

  it('mid_stream sends 200 and then an error event (Anthropic) or response.failed (Responses)', async () => {
    const { url } = await start({ steps: [{ type: 'error', status: 529, mid_stream: true }] });
    const anthropic = parseSseText(await (await post(url, '/v1/messages', { stream: true, messages: [] })).text());
    expect(anthropic.map((event) => event.event)).toEqual(['message_start', 'ping', 'error']);
    expect(anthropic[2]?.json).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const responses = parseSseText(await (await post(url, '/v1/responses', { stream: true, input: [] })).text());
    expect(responses.map((event) => event.event)).toEqual(['response.created', 'response.failed']);
    expect(responses[1]?.json?.response).toMatchObject({ status: 'failed', error: { code: 'server_error' } });
  });
});

describe('disconnect', () => {
  it('sends the headers and some events, then cuts the socket: the client sees a terminated stream', async () => {
    const { url, sent } = await start({ steps: [{ type: 'disconnect', after_events: 2, text: 'never finished', events: 5 }] });
    const response = await post(url, '/v1/messages', { stream: true, messages: [] });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        received += decoder.decode(value, { stream: true });
      }
    })().catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect(parseSseText(received).map((event) => event.event)).toEqual(['message_start', 'content_block_start']);
    expect(sent[0]?.outcome).toBe('disconnected');
  });

  it('cuts a non-streaming JSON body halfway', async () => {
    const { url } = await start({ steps: [{ type: 'disconnect' }] });
    const response = await post(url, '/v1/responses', { input: [] });
    await expect(response.text()).rejects.toThrow();
  });
});

describe('malformed', () => {
  it('slips a broken data line into the stream and goes on', async () => {
    const { url } = await start({ steps: [{ type: 'malformed', at_event: 1 }] });
    const events = parseSseText(await (await post(url, '/v1/messages', { stream: true, messages: [] })).text());
    expect(events[1]?.json).toBeNull();
    expect(events[1]?.data).toMatch(/^\{"type":"content_block_delta"/);
    expect(events.at(-1)?.event).toBe('message_stop');
  });

  it('can end the response right after the broken line', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the script format's field, as users write it
    const { url } = await start({ steps: [{ type: 'malformed', at_event: 2, then: 'close', line: 'data: {oops' }] });
    const events = parseSseText(await (await post(url, '/v1/responses', { stream: true, input: [] })).text());
    expect(events.map((event) => event.data)).toHaveLength(3);
    expect(events[2]?.data).toBe('{oops');
  });
});

describe('side routes', () => {
  it('count_tokens: an estimate when supported, a 404 not_found_error when not', async () => {
    const supported = await start({ steps: [{ type: 'text', text: 'x' }] });
    const body = { model: 'm', messages: [{ role: 'user', content: 'z'.repeat(100) }] };
    const counted = await post(supported.url, '/v1/messages/count_tokens?beta=true', body);
    expect(counted.status).toBe(200);
    expect(await counted.json()).toEqual({ input_tokens: Math.ceil(JSON.stringify(body).length / 4) });
    await supported.close();

    const unsupported = await start({ count_tokens: 'unsupported', steps: [{ type: 'text', text: 'x' }] });
    const refused = await post(unsupported.url, '/v1/messages/count_tokens', body);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('lists models in the Anthropic or the OpenAI shape', async () => {
    const { url } = await start({ models: ['glm-4.6', 'glm-4.5-air'], steps: [{ type: 'text', text: 'x' }] });
    const anthropic = await (await fetch(`${url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })).json();
    expect(anthropic).toMatchObject({
      data: [
        { type: 'model', id: 'glm-4.6' },
        { type: 'model', id: 'glm-4.5-air' },
      ],
      has_more: false,
    });
    const openai = await (await fetch(`${url}/v1/models`)).json();
    expect(openai).toMatchObject({ object: 'list', data: [{ id: 'glm-4.6', object: 'model' }, { id: 'glm-4.5-air' }] });
  });

  it('answers anything else with 404 in the Anthropic envelope, and a body that is not JSON with 400', async () => {
    const { url, sent } = await start({ steps: [{ type: 'text', text: 'x' }] });
    const missing = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', message: 'POST /v1/chat/completions is not scripted' },
    });
    const bad = await fetch(`${url}/v1/responses`, { method: 'POST', body: '{"input": [' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(sent.map((record) => [record.route, record.status, record.step_index])).toEqual([
      ['not_found', 404, null],
      ['responses', 400, null],
    ]);
  });
});
