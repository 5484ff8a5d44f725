// Tests reading usage from the agents' own event streams: the real Claude Code 2.1.329 and Codex 0.169.0 outputs, then edge cases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UsageDelta } from './budget-contract.js';
import { createAgentUsageReader, type AgentUsage, type CreateStreamReader } from './agent-event-usage.js';
import { ClaudeEventUsage } from './claude-event-usage.js';
import { CodexEventUsage } from './codex-event-usage.js';
import { GeminiEventUsage } from './gemini-event-usage.js';
import { addUsage, measureTokens, ZERO_USAGE } from './measure-usage.js';

/** The three agent CLIs' readers, as the runner's registry gives them. */
const STREAMS: CreateStreamReader[] = [() => new ClaudeEventUsage(), () => new CodexEventUsage(), () => new GeminiEventUsage()];

const fixtures = join(import.meta.dirname, '..', 'sources', 'parsers', 'test-fixtures', 'real');
const linesOf = (name: string) => readFileSync(join(fixtures, name), 'utf8').split('\n');
const sum = (found: (AgentUsage | null)[]): UsageDelta =>
  found.reduce<UsageDelta>((total, item) => (item ? addUsage(total, item.delta) : total), { ...ZERO_USAGE });
const u = (input: number, output: number, cache_read = 0, cache_creation = 0): UsageDelta => ({
  input,
  output,
  cache_read,
  cache_creation,
});

describe('the real Claude Code 2.1.329 stream-json output', () => {
  it('counts the message once, then the result adds only the output the placeholder missed', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    const found = linesOf('claude-2.1.329-stream.jsonl').map((line) => reader.read(line));
    const usages = found.filter((item): item is AgentUsage => item !== null);
    expect(usages.map(({ from, delta, model }) => ({ from, delta, model }))).toEqual([
      { from: 'message', delta: u(1500, 1, 700, 300), model: 'claude-opus-5-5' },
      { from: 'result', delta: u(0, 11, 0, 0), model: 'claude-opus-5-5' },
    ]);
    expect(usages[0]?.session).toBe('3ea88efd-c770-4369-9aaa-63319cd3a7b9');
    // The scripted server's figures: 1,500 input, 300 cache creation, 700 cache read, 12 output (2,512 in all).
    expect(sum(found)).toEqual(u(1500, 12, 700, 300));
    expect(measureTokens('total', sum(found))).toBe(2512);
  });
});

describe('the real Codex 0.169.0 exec --json output', () => {
  it('reads turn.completed in the Anthropic convention: 1,000 uncached input, 200 cached, 9 output', () => {
    const reader = createAgentUsageReader({ streams: STREAMS, defaultModel: 'gpt-5-codex' });
    const found = linesOf('codex-0.169.0-exec.jsonl').map((line) => reader.read(line));
    expect(found.filter((item) => item !== null)).toEqual([
      { agent: 'codex', session: '01a1fd17-8733-7ba0-9fbc-dde1b8b19085', model: 'gpt-5-codex', delta: u(1000, 9, 200, 0), from: 'turn' },
    ]);
    expect(measureTokens('total', sum(found))).toBe(1209);
  });
});

describe('the real Gemini CLI 0.61.0 stream-json output', () => {
  it('reads the result line once, in the Anthropic convention: 2,150 uncached input, 1,800 cached, 78 output', () => {
    const reader = createAgentUsageReader({ streams: STREAMS, defaultModel: 'other' });
    const found = linesOf('gemini-0.61.0-stream.jsonl').map((line) => reader.read(line));
    const usages = found.filter((item) => item !== null);
    expect(usages.map(({ agent, from, delta, model }) => ({ agent, from, delta, model }))).toEqual([
      { agent: 'gemini', from: 'result', delta: u(2150, 78, 1800, 0), model: 'gemini-2.5-pro' },
    ]);
    expect(usages[0]?.session).toMatch(/^[0-9a-f-]{36}$/);
    expect(measureTokens('total', sum(found))).toBe(4028);
  });

  it('counts thoughts as output (total less the prompt) and a repeated result as nothing new', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    const stats = { total_tokens: 1130, input_tokens: 1000, output_tokens: 100, cached: 400, input: 600 };
    expect(reader.read(JSON.stringify({ type: 'result', status: 'success', stats }))?.delta).toEqual(u(600, 130, 400, 0));
    expect(reader.read(JSON.stringify({ type: 'result', status: 'success', stats }))).toBeNull();
    expect(reader.read(JSON.stringify({ type: 'result', status: 'error', stats: { input_tokens: 'x' } }))).toBeNull();
  });
});

describe('createAgentUsageReader', () => {
  const assistant = (id: string, usage: object, session = 's1', model = 'claude-haiku-4-5') =>
    JSON.stringify({ type: 'assistant', session_id: session, message: { id, model, usage } });

  it('adds nothing for the repeats of one message across its content blocks', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    const usage = { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 500, cache_creation_input_tokens: 0 };
    expect(reader.read(assistant('m1', usage))?.delta).toEqual(u(10, 1, 500));
    expect(reader.read(assistant('m1', usage))).toBeNull();
    expect(reader.read(assistant('m2', { ...usage, input_tokens: 20 }))?.delta).toEqual(u(20, 1, 500));
  });

  it('reconciles each result against what its session already counted (since-last figures summed over results)', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    reader.read(assistant('m1', { input_tokens: 10, output_tokens: 1 }));
    reader.read(assistant('m2', { input_tokens: 20, output_tokens: 1 }));
    const since = (input: number, output: number) => ({
      'claude-haiku-4-5': { inputTokens: input, outputTokens: output, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 },
    });
    const first = reader.read(
      JSON.stringify({
        type: 'result',
        session_id: 's1',
        usage: { input_tokens: 30, output_tokens: 80 },
        model_usage_since_last_result: since(30, 80),
      }),
    );
    expect(first).toMatchObject({ from: 'result', delta: u(0, 78) });
    reader.read(assistant('m3', { input_tokens: 40, output_tokens: 1 }));
    const second = reader.read(
      JSON.stringify({
        type: 'result',
        session_id: 's1',
        usage: { input_tokens: 40, output_tokens: 50 },
        model_usage_since_last_result: since(40, 50),
      }),
    );
    expect(second?.delta).toEqual(u(0, 49));
  });

  it('reads a result without since-last figures as the session total, never counting it twice', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    reader.read(assistant('m1', { input_tokens: 10, output_tokens: 1 }));
    expect(
      reader.read(JSON.stringify({ type: 'result', session_id: 's1', usage: { input_tokens: 10, output_tokens: 30 } }))?.delta,
    ).toEqual(u(0, 29));
    expect(reader.read(JSON.stringify({ type: 'result', session_id: 's1', usage: { input_tokens: 10, output_tokens: 30 } }))).toBeNull();
    // A result alone (no assistant lines seen) counts whole.
    expect(reader.read(JSON.stringify({ type: 'result', session_id: 's2', usage: { input_tokens: 5, output_tokens: 7 } }))?.delta).toEqual(
      u(5, 7),
    );
  });

  it('counts partial-message stream events as a running total: message_delta 10 then 25 is 25', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    const event = (raw: object) => JSON.stringify({ type: 'stream_event', session_id: 's1', parent_tool_use_id: null, event: raw });
    const deltas = [
      reader.read(
        event({ type: 'message_start', message: { id: 'm1', model: 'claude-haiku-4-5', usage: { input_tokens: 100, output_tokens: 1 } } }),
      ),
      reader.read(event({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'hi' } })),
      reader.read(event({ type: 'message_delta', usage: { output_tokens: 10 } })),
      reader.read(event({ type: 'message_delta', usage: { output_tokens: 25 } })),
      reader.read(assistant('m1', { input_tokens: 100, output_tokens: 1 })),
      reader.read(JSON.stringify({ type: 'result', session_id: 's1', usage: { input_tokens: 100, output_tokens: 25 } })),
    ];
    expect(deltas.map((item) => item?.delta.output ?? null)).toEqual([1, null, 9, 15, null, null]);
    expect(sum(deltas)).toEqual(u(100, 25));
  });

  it('turns Codex running totals into per-turn deltas, taking cached reads and writes out of input', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    const turn = (input: number, cached: number, written: number, output: number) =>
      JSON.stringify({
        type: 'turn.completed',
        usage: {
          input_tokens: input,
          cached_input_tokens: cached,
          cache_write_input_tokens: written,
          output_tokens: output,
          reasoning_output_tokens: 3,
        },
      });
    reader.read(JSON.stringify({ type: 'thread.started', thread_id: 't1' }));
    expect(reader.read(turn(1200, 200, 0, 9))?.delta).toEqual(u(1000, 9, 200, 0));
    expect(reader.read(turn(3000, 1000, 500, 30))?.delta).toEqual(u(500, 21, 800, 500));
    expect(reader.read(turn(3000, 1000, 500, 30))).toBeNull();
    // Before 0.169 there was no cache_write_input_tokens (issue example from zed-industries/codex-acp#99).
    const older = createAgentUsageReader({ streams: STREAMS });
    expect(
      older.read(
        JSON.stringify({ type: 'turn.completed', usage: { input_tokens: 70021, cached_input_tokens: 57088, output_tokens: 2374 } }),
      )?.delta,
    ).toEqual(u(12933, 2374, 57088, 0));
  });

  it('returns null for anything else, and never throws', () => {
    const reader = createAgentUsageReader({ streams: STREAMS });
    for (const line of [
      '',
      'not json',
      '[1,2]',
      '{',
      'null',
      '{"type":"system","subtype":"init"}',
      '{"type":"result","usage":"x"}',
      '{"type":"turn.completed"}',
      '{"type":"assistant","message":{"id":"m","usage":{"input_tokens":"9"}}}',
      '{"type":"item.completed","item":{"type":"agent_message"}}',
    ]) {
      expect(reader.read(line)).toBeNull();
    }
    expect(reader.readValue(undefined)).toBeNull();
    expect(reader.read(undefined as unknown as string)).toBeNull();
  });
});
