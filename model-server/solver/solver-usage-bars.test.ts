// Solver usage and bars over HTTP: usage fixed by request and answer sizes, bars per account rising by each answer's units.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from '../builtin-scripts.js';
import { parseSseText } from '../parse-sse-text.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import { buildSolverBarHeaders, createSolverBars, SOLVER_BAR_LIMITS } from './solver-bars.js';
import { makeTaskBank } from './test-fixtures/make-task-bank.js';

const bank = makeTaskBank();
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => rmSync(bank, { recursive: true, force: true }));

interface Answer {
  headers: Headers;
  bodyBytes: number;
  /** The answer's text plus its tool input JSON, as the client put it back together. */
  characters: number;
  usage: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number };
}

/** One streamed Messages request whose body is padded to about `padding` bytes. */
async function ask(model: string, taskId: string, padding = 0): Promise<Answer> {
  const body = JSON.stringify({
    model,
    stream: true,
    system: `Primary working directory: /tmp/repo ${'x'.repeat(padding)}`,
    messages: [{ role: 'user', content: `Task id: ${taskId}` }],
  });
  const response = await fetch(`${server!.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const events = parseSseText(await response.text());
  let characters = 0;
  for (const event of events) {
    const delta = event.json?.delta as { text?: string; partial_json?: string } | undefined;
    characters += (delta?.text ?? '').length + (delta?.partial_json ?? '').length;
  }
  const usage = events.find((event) => event.event === 'message_delta')?.json?.usage as Answer['usage'];
  return { headers: response.headers, bodyBytes: Buffer.byteLength(body), characters, usage };
}

async function askResponses(model: string, padding: number): Promise<{ headers: Headers; units: number }> {
  const body = JSON.stringify({
    model,
    stream: true,
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: `Task id: one-file ${'y'.repeat(padding)}` }] }],
  });
  const response = await fetch(`${server!.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const completed = parseSseText(await response.text()).find((event) => event.event === 'response.completed');
  const usage = (completed?.json?.response as { usage: { input_tokens: number; output_tokens: number } }).usage;
  return { headers: response.headers, units: usage.input_tokens + 5 * usage.output_tokens };
}

const round4 = (value: number): number => Math.round(Math.min(1, value) * 10_000) / 10_000;

describe('solver usage', () => {
  it('is ceil(body bytes / 4) in, ceil(characters / 4 x scale) out, no cache, and the same for the same bytes', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const steady = await ask('scripted-steady', 'two-files', 1000);
    expect(steady.usage).toMatchObject({
      input_tokens: Math.ceil(steady.bodyBytes / 4),
      output_tokens: Math.ceil(steady.characters / 4),
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
    const again = await ask('scripted-steady', 'two-files', 1000);
    expect(again.usage).toEqual(steady.usage);
    const thrifty = await ask('scripted-thrifty', 'no-such-task', 1000);
    expect(thrifty.usage.output_tokens).toBe(Math.ceil((thrifty.characters / 4) * 0.5));
    const counts = ({
      input_tokens,
      output_tokens,
      cache_read_input_tokens,
      cache_creation_input_tokens,
    }: Answer['usage']): Answer['usage'] => ({ input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens });
    expect(server.sent.map((record) => record.usage)).toEqual([counts(steady.usage), counts(steady.usage), counts(thrifty.usage)]);
  });
});

describe('solver bars', () => {
  it('rise per account by input + 5 x output of each answer, separately for steady, thrifty and the API families', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const units = new Map<string, number>();
    const plan: [string, string, number][] = [
      ['scripted-steady', 'two-files', 400_000],
      ['scripted-thrifty', 'one-file', 200_000],
      ['scripted-steady', 'one-file', 100_000],
      ['claude-sonnet-4-5', 'two-files', 300_000],
      ['scripted-thrifty', 'two-files', 0],
    ];
    for (const [model, taskId, padding] of plan) {
      const account = model.startsWith('scripted-') ? model : 'anthropic';
      const answer = await ask(model, taskId, padding);
      const total = (units.get(account) ?? 0) + answer.usage.input_tokens + 5 * answer.usage.output_tokens;
      units.set(account, total);
      expect(Number(answer.headers.get('anthropic-ratelimit-unified-5h-utilization'))).toBe(round4(total / 2_000_000));
      expect(Number(answer.headers.get('anthropic-ratelimit-unified-7d-utilization'))).toBe(round4(total / 20_000_000));
    }
    expect(units.get('scripted-steady')! / 2_000_000).toBeGreaterThan(0.06);
    const openai1 = await askResponses('gpt-5-codex', 400_000);
    expect(Number(openai1.headers.get('x-codex-primary-used-percent'))).toBeCloseTo(round4(openai1.units / 2_000_000) * 100, 10);
    const openai2 = await askResponses('gpt-5', 40_000);
    expect(Number(openai2.headers.get('x-codex-secondary-used-percent'))).toBeCloseTo(
      round4((openai1.units + openai2.units) / 20_000_000) * 100,
      10,
    );
    expect(openai2.headers.get('x-codex-primary-window-minutes')).toBe('300');
    expect(openai2.headers.get('x-codex-secondary-window-minutes')).toBe('10080');
  });

  it('caps at 1, turns rejected there, and keeps resets at 5 h / 7 d after a period that began an hour before the server', () => {
    const bars = createSolverBars();
    expect(bars.charge('a', 1_000_000)).toEqual({ account: 'a', units: 1_000_000, fiveHour: 0.5, sevenDay: 0.05, day: 0.25 });
    const full = bars.charge('a', 5_000_000);
    expect(full).toMatchObject({ fiveHour: 1, sevenDay: 0.3 });
    expect(bars.read('b')).toMatchObject({ units: 0, fiveHour: 0 });
    const headers = buildSolverBarHeaders('anthropic-messages', full, 1_000);
    expect(headers).toMatchObject({
      'anthropic-ratelimit-unified-5h-status': 'rejected',
      'anthropic-ratelimit-unified-5h-reset': String(1_000 - 3600 + 5 * 3600),
      'anthropic-ratelimit-unified-7d-reset': String(1_000 - 3600 + 7 * 86400),
    });
    expect(
      buildSolverBarHeaders('openai-responses', { account: 'openai', units: 246_000, fiveHour: 0.123, sevenDay: 0.0123, day: 0.0615 }, 0),
    ).toMatchObject({
      'x-codex-primary-used-percent': '12.3',
      'x-codex-secondary-used-percent': '1.23',
    });
    expect(SOLVER_BAR_LIMITS).toMatchObject({ fiveHourUnits: 2_000_000, sevenDayUnits: 20_000_000, outputWeight: 5 });
  });
});
