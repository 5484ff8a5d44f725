// What the agent sends each turn (headers, body, tools) and how it reads an answer, against a plain node:http server.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAgentConfig } from './agent-config.js';
import { runScriptedAgent } from './run-scripted-agent.js';

interface Seen {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let server: Server | null = null;
afterEach(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** Answers every POST with `answer` (SSE text or a JSON message) and keeps what it received. */
async function startRecordingServer(answer: { type: string; body: string }): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      response.writeHead(200, { 'content-type': answer.type });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const sse = (events: Array<[string, unknown]>): string =>
  events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');

const TEXT_ANSWER = sse([
  [
    'message_start',
    {
      type: 'message_start',
      message: { id: 'msg_1', model: 'model-x', usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0 } },
    },
  ],
  ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'All ' } }],
  ['ping', { type: 'ping' }],
  ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'done.' } }],
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  [
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn' },
      usage: { input_tokens: 120, output_tokens: 10, cache_read_input_tokens: 40 },
    },
  ],
  ['message_delta', { type: 'message_delta', delta: {}, usage: { output_tokens: 30 } }],
  ['message_stop', { type: 'message_stop' }],
]);

function configFor(url: string) {
  return parseAgentConfig({
    baseUrl: `${url}/`,
    model: 'model-x',
    headers: { 'x-tracker-feature': 'f1' },
    prompt: 'Say done',
    cwd: '/tmp/agent-cwd',
    apiKey: 'key-1',
    maxTokens: 1000,
  });
}

describe('the Messages API request', () => {
  it('sends the Anthropic headers, the config headers, the system prompt with the cwd, the tools and the prompt', async () => {
    const { url, seen } = await startRecordingServer({ type: 'text/event-stream', body: TEXT_ANSWER });
    const lines: string[] = [];
    const outcome = await runScriptedAgent(configFor(url), { writeLine: (line) => lines.push(line) });
    expect(outcome).toMatchObject({ exitCode: 0, result: 'All done.' });
    expect(seen).toHaveLength(1);
    const [first] = seen;
    expect(first?.headers).toMatchObject({
      'anthropic-version': '2023-06-01',
      'x-api-key': 'key-1',
      'content-type': 'application/json',
      'x-tracker-feature': 'f1',
    });
    expect(first?.body).toMatchObject({
      model: 'model-x',
      max_tokens: 1000,
      stream: true,
      messages: [{ role: 'user', content: 'Say done' }],
    });
    expect(String(first?.body.system)).toContain('Primary working directory: /tmp/agent-cwd');
    const tools = first?.body.tools as Array<{ name: string; input_schema: { required: string[] } }>;
    expect(tools.map((tool) => [tool.name, tool.input_schema.required])).toEqual([
      ['Write', ['file_path', 'content']],
      ['Read', ['file_path']],
      ['Edit', ['file_path', 'old_string', 'new_string']],
    ]);
  });

  it('takes usage as cumulative: message_delta counts overwrite message_start and earlier deltas, never add', async () => {
    const { url } = await startRecordingServer({ type: 'text/event-stream', body: TEXT_ANSWER });
    const outcome = await runScriptedAgent(configFor(url), { writeLine: () => undefined });
    expect(outcome.usage).toEqual({ input_tokens: 120, output_tokens: 30, cache_read_input_tokens: 40, cache_creation_input_tokens: 0 });
  });

  it('reads a plain JSON message from a server that does not stream', async () => {
    const message = {
      id: 'msg_2',
      type: 'message',
      role: 'assistant',
      model: 'model-x',
      content: [{ type: 'text', text: 'Plain.' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 7, output_tokens: 3 },
    };
    const { url } = await startRecordingServer({ type: 'application/json', body: JSON.stringify(message) });
    const outcome = await runScriptedAgent(configFor(url), { writeLine: () => undefined });
    expect(outcome).toMatchObject({ exitCode: 0, result: 'Plain.', usage: { input_tokens: 7, output_tokens: 3 } });
  });

  it('refuses a stream that ends without message_stop', async () => {
    const cut = TEXT_ANSWER.slice(0, TEXT_ANSWER.indexOf('event: message_stop'));
    const { url } = await startRecordingServer({ type: 'text/event-stream', body: cut });
    const outcome = await runScriptedAgent(configFor(url), { writeLine: () => undefined });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.result).toMatch(/expected the stream to end with message_stop, got an end after 8 events/);
    expect(outcome.usage.output_tokens).toBe(30);
  });

  it('sends over node:http, never the global fetch (its first use compiles undici: ADR 0040)', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('the agent called fetch')));
    const { url, seen } = await startRecordingServer({ type: 'text/event-stream', body: TEXT_ANSWER });
    const outcome = await runScriptedAgent(configFor(url), { writeLine: () => undefined });
    expect(outcome).toMatchObject({ exitCode: 0, result: 'All done.' });
    expect(seen).toHaveLength(1);
  });
});
