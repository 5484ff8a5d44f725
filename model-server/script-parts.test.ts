// The small parts: delta splitting, request inspection, tool-call fitting and rate-limit arithmetic.
import { describe, expect, it } from 'vitest';
import { adaptToolCall } from './adapt-tool-call.js';
import { inspectRequest } from './inspect-request.js';
import { buildAnthropicRateLimitHeaders, buildCodexRateLimitHeaders } from './rate-limit-headers.js';
import { parseScript } from './load-script.js';
import { splitDeltas } from './split-deltas.js';

describe('splitDeltas', () => {
  it('splits into the asked number of parts that join back to the text', () => {
    const parts = splitDeltas('Hello, world!', 4);
    expect(parts).toHaveLength(4);
    expect(parts.join('')).toBe('Hello, world!');
  });

  it('pads short text, but not when told not to (tool arguments stay JSON)', () => {
    expect(splitDeltas('ab', 5).join('')).toBe('ab ab');
    expect(splitDeltas('{}', 5, { pad: false })).toEqual(['{', '}']);
  });

  it('never splits a surrogate pair', () => {
    expect(splitDeltas('😀😀', 2)).toEqual(['😀', '😀']);
  });
});

describe('inspectRequest', () => {
  it('reads model, stream, tool rounds, tools and the working directory', () => {
    const body = {
      model: 'claude-opus-4-1',
      stream: true,
      tools: [{ name: 'Write' }, { name: 'Bash' }],
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use' }, { type: 'tool_use' }] },
        { role: 'user', content: [{ type: 'tool_result' }, { type: 'tool_result' }] },
        { role: 'assistant', content: [{ type: 'tool_use' }] },
        { role: 'user', content: [{ type: 'tool_result' }, { type: 'text', text: 'more' }] },
      ],
    };
    const raw = `${JSON.stringify(body)} Primary working directory: /home/u/repo\\n`;
    expect(inspectRequest('anthropic-messages', body, raw)).toEqual({
      model: 'claude-opus-4-1',
      stream: true,
      toolRounds: 2,
      cwd: '/home/u/repo',
      toolNames: ['Write', 'Bash'],
    });
  });

  it('reads odd bodies as absent facts', () => {
    expect(inspectRequest('openai-responses', [1, 2], '[1,2]')).toEqual({
      model: null,
      stream: false,
      toolRounds: 0,
      cwd: null,
      toolNames: [],
    });
  });
});

describe('adaptToolCall', () => {
  it('fills {{cwd}} anywhere in the input', () => {
    expect(
      adaptToolCall({ name: 'Write', input: { file_path: '{{cwd}}/a.txt', nested: ['{{cwd}}'] } }, { cwd: '/r', toolNames: [] }).input,
    ).toEqual({ file_path: '/r/a.txt', nested: ['/r'] });
  });

  it('maps shell back to exec_command for a client that only offers exec_command', () => {
    const call = adaptToolCall({ name: 'shell', input: { command: ['bash', '-lc', 'ls'] } }, { cwd: '/r', toolNames: ['exec_command'] });
    expect(call).toEqual({ name: 'exec_command', input: { cmd: 'ls' } });
  });

  it('leaves the call alone when the client offers it (or says nothing)', () => {
    expect(adaptToolCall({ name: 'exec_command', input: { cmd: 'ls' } }, { cwd: '/r', toolNames: [] }).name).toBe('exec_command');
  });
});

describe('rate-limit headers', () => {
  const limits = parseScript({ steps: [{ type: 'text', text: 'x' }] }).rate_limits;

  it('names the fuller window as the representative claim', () => {
    const headers = buildAnthropicRateLimitHeaders(limits.anthropic, 0, 1_000);
    expect(headers['anthropic-ratelimit-unified-representative-claim']).toBe('seven_day');
    expect(headers['anthropic-ratelimit-unified-reset']).toBe(String(1_000 + 4 * 86400));
    const later = buildAnthropicRateLimitHeaders(limits.anthropic, 40, 1_000);
    expect(later['anthropic-ratelimit-unified-5h-utilization']).toBe('0.5');
    expect(later['anthropic-ratelimit-unified-representative-claim']).toBe('five_hour');
  });

  it('caps Codex percentages at 100', () => {
    expect(buildCodexRateLimitHeaders(limits.codex, 500, 0)['x-codex-primary-used-percent']).toBe('100');
  });
});
