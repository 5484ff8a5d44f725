// Which step a request plays: by arrival order (repeat the last, or loop), or by the tool rounds in its own conversation.
import { afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from './builtin-scripts.js';
import { parseScript } from './load-script.js';
import { parseSseText } from './parse-sse-text.js';
import { selectStep } from './select-step.js';
import { startScriptedServer, type ScriptedServer } from './start-scripted-server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function post(url: string, path: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('selectStep', () => {
  const steps = parseScript({
    steps: [
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'text', text: 'c' },
    ],
  }).steps;

  it('repeats the last step past the end by default', () => {
    expect([0, 1, 2, 3, 7].map((position) => selectStep({ steps, loop: false }, position).index)).toEqual([0, 1, 2, 2, 2]);
  });

  it('cycles with loop: true', () => {
    expect([0, 1, 2, 3, 7].map((position) => selectStep({ steps, loop: true }, position).index)).toEqual([0, 1, 2, 0, 1]);
  });
});

describe('the write-file tool loop', () => {
  const claudeTurn = (messages: unknown[]) => ({ model: 'claude-sonnet-4-5', stream: true, messages });
  const user = { role: 'user', content: [{ type: 'text', text: 'write hello.txt' }] };
  const system = { role: 'system', content: [{ type: 'text', text: 'Primary working directory: /tmp/work/repo\n' }] };
  const assistantCall = { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Write', input: {} }] };
  const toolResult = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'File created' }] };

  it('answers a Write call first and the final text once the tool result is back, for parallel clients alike', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('write-file')! });
    const { url } = server;
    // Two clients interleave: each gets the step its own conversation is at, whatever the arrival order.
    const first = await (await post(url, '/v1/messages', claudeTurn([user, system]))).text();
    const second = await (await post(url, '/v1/messages', claudeTurn([user]))).text();
    const firstFinal = await (await post(url, '/v1/messages', claudeTurn([user, system, assistantCall, toolResult]))).text();
    const secondFinal = await (await post(url, '/v1/messages', claudeTurn([user, assistantCall, toolResult]))).text();

    const toolInput = (text: string) => {
      const parts = parseSseText(text).filter((event) => (event.json?.delta as { type?: string } | undefined)?.type === 'input_json_delta');
      return JSON.parse(parts.map((event) => (event.json?.delta as { partial_json: string }).partial_json).join('')) as Record<
        string,
        unknown
      >;
    };
    expect(toolInput(first)).toEqual({ file_path: '/tmp/work/repo/hello.txt', content: 'hello from the scripted server\n' });
    expect(toolInput(second).file_path).toBe(`${process.cwd()}/hello.txt`);
    for (const text of [firstFinal, secondFinal]) {
      const stop = parseSseText(text).find((event) => event.event === 'message_delta')?.json?.delta;
      expect(stop).toMatchObject({ stop_reason: 'end_turn' });
    }
    expect(server.sent.map((record) => [record.step_index, record.tool_rounds])).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
  });

  it('plays the Codex side from function_call_output items', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('write-file')! });
    const call = { type: 'function_call', call_id: 'call_1', name: 'exec_command', arguments: '{}' };
    const output = { type: 'function_call_output', call_id: 'call_1', output: 'ok' };
    const message = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] };
    const firstEvents = parseSseText(await (await post(server.url, '/v1/responses', { stream: true, input: [message] })).text());
    const item = firstEvents.find(
      (event) => event.event === 'response.output_item.done' && (event.json?.item as { type: string }).type === 'function_call',
    )?.json?.item as { name: string; arguments: string };
    expect(item.name).toBe('exec_command');
    expect(JSON.parse(item.arguments)).toEqual({ cmd: "printf 'hello from the scripted server\\n' > hello.txt" });
    await (await post(server.url, '/v1/responses', { stream: true, input: [message, call, output] })).text();
    // Parallel calls answered together count as one round.
    await (await post(server.url, '/v1/responses', { stream: true, input: [message, call, call, output, output] })).text();
    expect(server.sent.map((record) => [record.step_index, record.step_type, record.tool_rounds])).toEqual([
      [0, 'tool_use', 0],
      [1, 'text', 1],
      [1, 'text', 1],
    ]);
  });
});

describe('step_by request', () => {
  it('gives the Nth model request the Nth step; count_tokens and model lists do not take a step', async () => {
    server = await startScriptedServer({
      script: parseScript({
        loop: true,
        steps: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      }),
    });
    const steps = [];
    for (let index = 0; index < 3; index += 1) {
      await (await post(server.url, '/v1/messages/count_tokens', { messages: [] })).text();
      await (await fetch(`${server.url}/v1/models`)).text();
      const body = (await (await post(server.url, '/v1/messages', { messages: [] })).json()) as { content: { text: string }[] };
      steps.push(body.content[0]?.text);
    }
    expect(steps).toEqual(['a', 'b', 'a']);
  });
});
