// The Messages side over HTTP: SSE event order and usage, GLM style, JSON answers, model echo, ids and rate-limit headers.
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

function postMessages(url: string, body: Record<string, unknown>, path = '/v1/messages?beta=true'): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
}

const USAGE = { input_tokens: 1500, output_tokens: 12, cache_read_input_tokens: 700, cache_creation_input_tokens: 300 };

describe('POST /v1/messages streaming', () => {
  it('sends the events in order with usage in message_start and the cumulative final usage in message_delta', async () => {
    const { url, sent } = await start({ steps: [{ type: 'text', text: 'Hello there, world.', events: 3, usage: USAGE }] });
    const response = await postMessages(url, { model: 'claude-haiku-4-5', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const events = parseSseText(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const event of events) expect(event.json?.type).toBe(event.event);
    const opening = events[0]?.json?.message as Record<string, unknown>;
    expect(opening.model).toBe('claude-haiku-4-5');
    expect(opening.usage).toEqual({
      input_tokens: 1500,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 700,
      cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 0 },
      output_tokens: 1,
    });
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (event.json?.delta as { text: string }).text)
      .join('');
    expect(text).toBe('Hello there, world.');
    const delta = events[7]?.json as { delta: unknown; usage: unknown };
    expect(delta.delta).toEqual({ stop_reason: 'end_turn', stop_sequence: null });
    expect(delta.usage).toMatchObject({
      input_tokens: 1500,
      output_tokens: 12,
      cache_read_input_tokens: 700,
      cache_creation: { ephemeral_5m_input_tokens: 300 },
    });
    expect(sent).toEqual([
      expect.objectContaining({
        seq: 1,
        route: 'messages',
        path: '/v1/messages?beta=true',
        model: 'claude-haiku-4-5',
        stream: true,
        step_index: 0,
        status: 200,
        usage: USAGE,
        outcome: 'complete',
      }),
    ]);
    expect(sent[0]?.request_id).toBe(response.headers.get('request-id'));
  });

  it('in GLM style sends zeros in message_start and the real counts only in message_delta', async () => {
    const { url } = await start({ usage_style: 'glm', steps: [{ type: 'text', text: 'hi', usage: USAGE }] });
    const events = parseSseText(await (await postMessages(url, { model: 'glm-4.6', stream: true, messages: [] })).text());
    const startUsage = (events[0]?.json?.message as { usage: Record<string, unknown> }).usage;
    expect(startUsage).toMatchObject({ input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    const final = events.find((event) => event.event === 'message_delta')?.json?.usage;
    expect(final).toMatchObject({ input_tokens: 1500, output_tokens: 12, cache_read_input_tokens: 700, cache_creation_input_tokens: 300 });
  });

  it('streams a tool call as a tool_use block with input_json_delta parts', async () => {
    const { url } = await start({
      steps: [{ type: 'tool_use', name: 'Bash', input: { command: 'ls', description: 'List files' }, events: 4 }],
    });
    const events = parseSseText(await (await postMessages(url, { stream: true, messages: [] })).text());
    const block = events.find((event) => event.event === 'content_block_start')?.json?.content_block as Record<string, unknown>;
    expect(block).toMatchObject({ type: 'tool_use', name: 'Bash', input: {} });
    expect(block.id).toMatch(/^toolu_/);
    const parts = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => event.json?.delta as { type: string; partial_json: string });
    expect(parts).toHaveLength(4);
    expect(JSON.parse(parts.map((part) => part.partial_json).join(''))).toEqual({ command: 'ls', description: 'List files' });
    expect(events.find((event) => event.event === 'message_delta')?.json?.delta).toMatchObject({ stop_reason: 'tool_use' });
  });

  it('pads a short text to fill the asked number of delta events', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'ab', events: 60 }] });
    const events = parseSseText(await (await postMessages(url, { stream: true, messages: [] })).text());
    expect(events.filter((event) => event.event === 'content_block_delta')).toHaveLength(60);
  });
});

describe('POST /v1/messages without streaming', () => {
  it('answers one JSON message with usage, for stream false or absent', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'Plain answer.', usage: USAGE }] });
    for (const body of [
      { model: 'claude-opus-4-1', messages: [] },
      { model: 'claude-opus-4-1', stream: false, messages: [] },
    ]) {
      const response = await postMessages(url, body, '/v1/messages');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toMatchObject({
        type: 'message',
        role: 'assistant',
        model: 'claude-opus-4-1',
        stop_reason: 'end_turn',
        content: [{ type: 'text', text: 'Plain answer.' }],
        usage: { input_tokens: 1500, output_tokens: 12, cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 0 } },
      });
    }
  });

  it('estimates usage from the request and the answer when the step gives none', async () => {
    const { url, sent } = await start({ steps: [{ type: 'text', text: 'x'.repeat(40) }] });
    const body = { model: 'm', messages: [{ role: 'user', content: 'y'.repeat(400) }] };
    await (await postMessages(url, body)).json();
    expect(sent[0]?.usage).toEqual({
      input_tokens: Math.ceil(JSON.stringify(body).length / 4),
      output_tokens: 10,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });
});

describe('Anthropic rate-limit headers', () => {
  it('fill up request by request with fixed resets', async () => {
    const { url } = await start({
      rate_limits: { anthropic: { five_hour: { start: 0.5, step_per_request: 0.2 }, seven_day: { start: 0.1, step_per_request: 0.05 } } },
      steps: [{ type: 'text', text: 'hi' }],
    });
    const readings = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await postMessages(url, { stream: true, messages: [] });
      await response.text();
      readings.push({
        five: response.headers.get('anthropic-ratelimit-unified-5h-utilization'),
        fiveStatus: response.headers.get('anthropic-ratelimit-unified-5h-status'),
        week: response.headers.get('anthropic-ratelimit-unified-7d-utilization'),
        status: response.headers.get('anthropic-ratelimit-unified-status'),
        reset: response.headers.get('anthropic-ratelimit-unified-5h-reset'),
      });
    }
    expect(readings.map((reading) => reading.five)).toEqual(['0.5', '0.7', '0.9', '1']);
    expect(readings.map((reading) => reading.fiveStatus)).toEqual(['allowed', 'allowed', 'allowed_warning', 'rejected']);
    expect(readings.map((reading) => reading.week)).toEqual(['0.1', '0.15', '0.2', '0.25']);
    expect(readings[3]?.status).toBe('rejected');
    expect(new Set(readings.map((reading) => reading.reset)).size).toBe(1);
    expect(Number(readings[0]?.reset)).toBeGreaterThan(Date.now() / 1000 + 7000);
  });

  it('are left out when switched off, as GLM sends none', async () => {
    const { url } = await start({ rate_limits: { anthropic: null }, steps: [{ type: 'text', text: 'hi' }] });
    const response = await postMessages(url, { messages: [] });
    await response.text();
    expect([...response.headers.keys()].filter((name) => name.startsWith('anthropic-ratelimit'))).toEqual([]);
  });
});
