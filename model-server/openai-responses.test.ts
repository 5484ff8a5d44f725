// The Responses side over HTTP: the SSE events Codex reads, usage on response.completed, function calls, JSON answers, Codex headers.
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

function postResponses(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dummy' },
    body: JSON.stringify(body),
  });
}

const USAGE = { input_tokens: 1000, output_tokens: 9, cache_read_input_tokens: 200, cache_creation_input_tokens: 50 };

describe('POST /v1/responses streaming', () => {
  it('sends created, the message item and its deltas, and completed with usage', async () => {
    const { url, sent } = await start({ steps: [{ type: 'text', text: 'Hello from the scripted server.', events: 2, usage: USAGE }] });
    const response = await postResponses(url, { model: 'gpt-5-codex', stream: true, input: [] });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const events = parseSseText(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.output_item.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[0]?.json?.response).toMatchObject({ object: 'response', status: 'in_progress', model: 'gpt-5-codex', output: [] });
    expect(events[1]?.json).toMatchObject({
      output_index: 0,
      item: { type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    });
    const completed = events[5]?.json?.response as Record<string, unknown>;
    expect(completed).toMatchObject({
      status: 'completed',
      output: [
        {
          type: 'message',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hello from the scripted server.', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 1250,
        input_tokens_details: { cached_tokens: 200, cache_write_tokens: 50 },
        output_tokens: 9,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 1259,
      },
    });
    expect(sent[0]).toMatchObject({ route: 'responses', model: 'gpt-5-codex', usage: USAGE, wire_usage: completed.usage });
  });

  it('sends a function call with its argument deltas, as Codex expects for exec_command', async () => {
    const { url } = await start({
      steps: [
        {
          type: 'tool_use',
          name: 'Write',
          input: { file_path: '/x' },
          responses: { name: 'exec_command', input: { cmd: 'ls -la', workdir: '{{cwd}}' } },
          events: 3,
        },
      ],
    });
    const input = [
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: '<environment_context>\n  <cwd>/tmp/repo</cwd>\n</environment_context>' }],
      },
    ];
    const events = parseSseText(
      await (await postResponses(url, { stream: true, input, tools: [{ type: 'function', name: 'exec_command' }] })).text(),
    );
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const done = events[6]?.json?.item as Record<string, unknown>;
    expect(done).toMatchObject({ type: 'function_call', status: 'completed', name: 'exec_command' });
    expect(done.call_id).toMatch(/^call_/);
    expect(JSON.parse(done.arguments as string)).toEqual({ cmd: 'ls -la', workdir: '/tmp/repo' });
    expect(events[5]?.json?.arguments).toBe(done.arguments);
  });

  it('turns exec_command into shell for a client that only offers shell', async () => {
    const { url } = await start({
      steps: [{ type: 'tool_use', name: 'Bash', input: {}, responses: { name: 'exec_command', input: { cmd: 'echo hi' } } }],
    });
    const events = parseSseText(
      await (await postResponses(url, { stream: true, input: [], tools: [{ type: 'function', name: 'shell' }] })).text(),
    );
    const item = events.find((event) => event.event === 'response.output_item.done')?.json?.item as { name: string; arguments: string };
    expect(item.name).toBe('shell');
    expect(JSON.parse(item.arguments)).toEqual({ command: ['bash', '-lc', 'echo hi'] });
  });
});

describe('POST /v1/responses without streaming', () => {
  it('answers the completed response as JSON', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'Plain.', usage: USAGE }] });
    const response = await postResponses(url, { model: 'gpt-5', input: [] });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5',
      output: [{ type: 'message' }],
      usage: { input_tokens: 1250, output_tokens: 9 },
    });
  });
});

describe('Codex rate-limit headers', () => {
  it('fill up request by request', async () => {
    const { url } = await start({
      rate_limits: {
        codex: { primary: { start: 12.5, step_per_request: 2.5 }, secondary: { start: 40, step_per_request: 0.5, window_minutes: 10080 } },
      },
      steps: [{ type: 'text', text: 'hi' }],
    });
    const readings = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await postResponses(url, { stream: true, input: [] });
      await response.text();
      readings.push([
        response.headers.get('x-codex-primary-used-percent'),
        response.headers.get('x-codex-primary-window-minutes'),
        response.headers.get('x-codex-secondary-used-percent'),
        response.headers.get('x-codex-secondary-window-minutes'),
      ]);
      expect(Number(response.headers.get('x-codex-primary-reset-at'))).toBeGreaterThan(Date.now() / 1000);
      expect(response.headers.get('anthropic-ratelimit-unified-status')).toBeNull();
    }
    expect(readings).toEqual([
      ['12.5', '300', '40', '10080'],
      ['15', '300', '40.5', '10080'],
      ['17.5', '300', '41', '10080'],
    ]);
  });
});
