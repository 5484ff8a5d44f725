import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTranscriptCopies, readClaudeTranscriptLine } from './claude-transcript-line.js';

const LINES = readFileSync(join(import.meta.dirname, 'test-fixtures', 'real', 'claude-2.1.329-transcript.jsonl'), 'utf8')
  .trim()
  .split('\n');
const ANSWER = JSON.parse(LINES.find((line) => line.includes('"type":"assistant"')) as string) as Record<string, any>;

/** The real answer line with some fields changed. */
function change(edit: (line: Record<string, any>) => void): string {
  const line = structuredClone(ANSWER);
  edit(line);
  return JSON.stringify(line);
}

describe('readClaudeTranscriptLine on the real 2.1.329 transcript', () => {
  it("reads the answer's usage in the Anthropic convention, with its session, project and key", () => {
    const entries = LINES.map(readClaudeTranscriptLine).flatMap((line) => ('entry' in line ? [line.entry] : []));
    expect(entries).toEqual([
      {
        key: 'msg_fixture_1:req_fixture_1',
        capturedAt: '2026-11-21T07:52:20.785Z',
        model: 'claude-opus-5-5',
        tokens: { input: 1500, output: 12, cache_read: 700, cache_creation: 300, total: 2512 },
        session: '3ea88efd-c770-4369-9aaa-63319cd3a7b9',
        project: '/tmp/tmp.c5bFb53gEY/repo',
        requestId: 'req_fixture_1',
      },
    ]);
    // Its other lines (the prompt, attachments, the cost state) carry no usage.
    expect(LINES.filter((line) => 'error' in readClaudeTranscriptLine(line))).toEqual([]);
  });

  it('takes cache creation from the 5m and 1h breakdown when there is one, as ccusage 20.0.24 does', () => {
    const zero = change((line) => {
      line.message.usage.cache_creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    });
    expect(readClaudeTranscriptLine(zero)).toMatchObject({ entry: { tokens: { cache_creation: 0, total: 2212 } } });
    const hour = change((line) => {
      line.message.usage.cache_creation = { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 50 };
    });
    expect(readClaudeTranscriptLine(hour)).toMatchObject({ entry: { tokens: { cache_creation: 150 } } });
    const none = change((line) => delete line.message.usage.cache_creation);
    expect(readClaudeTranscriptLine(none)).toMatchObject({ entry: { tokens: { cache_creation: 300 } } });
  });

  it('names a sidechain by its agent id, and keys a line without a request id by session, id and time', () => {
    const side = change((line) => Object.assign(line, { isSidechain: true, agentId: '5e1f0c2a' }));
    expect(readClaudeTranscriptLine(side)).toMatchObject({ entry: { subagent: '5e1f0c2a' } });
    const noRequest = change((line) => delete line.requestId);
    expect(readClaudeTranscriptLine(noRequest)).toMatchObject({
      entry: { key: '3ea88efd-c770-4369-9aaa-63319cd3a7b9:msg_fixture_1:2026-11-21T07:52:20.785Z' },
    });
    const noId = change((line) => delete line.message.id);
    expect(readClaudeTranscriptLine(noId)).toMatchObject({ entry: { key: null } });
  });

  it('says why a line with usage cannot be counted, and never throws', () => {
    expect(readClaudeTranscriptLine('{"message":')).toEqual({ error: 'not JSON' });
    expect(readClaudeTranscriptLine(change((line) => delete line.timestamp))).toEqual({ error: 'an answer with usage but no timestamp' });
    expect(readClaudeTranscriptLine(change((line) => delete line.message.usage.output_tokens))).toEqual({
      error: 'message.usage.output_tokens: expected a whole number from 0 to 1000000000, got undefined',
    });
    // 1e308 passed as a whole number and became a row every later command skipped with a note.
    expect(readClaudeTranscriptLine(change((line) => Object.assign(line.message.usage, { input_tokens: 1e308 })))).toEqual({
      error: 'message.usage.input_tokens: expected a whole number from 0 to 1000000000, got 1e+308',
    });
    const hugeHour = change((line) => {
      line.message.usage.cache_creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2 ** 53 };
    });
    expect(readClaudeTranscriptLine(hugeHour)).toEqual({
      error: 'message.usage.cache_creation.ephemeral_1h_input_tokens: expected a whole number from 0 to 1000000000, got 9007199254740992',
    });
    expect(readClaudeTranscriptLine(change((line) => Object.assign(line.message.usage, { output_tokens: 1_000_000_000 })))).toMatchObject({
      entry: { tokens: { output: 1_000_000_000 } },
    });
    expect(readClaudeTranscriptLine('[1]')).toEqual({ skip: true });
    expect(readClaudeTranscriptLine(change((line) => Object.assign(line, { sessionId: 's'.repeat(900 * 1024) })))).toEqual({
      error: 'sessionId: expected at most 200 characters, got 921600',
    });
    expect(readClaudeTranscriptLine(change((line) => Object.assign(line, { requestId: 'r'.repeat(257) })))).toEqual({
      error: 'requestId: expected at most 200 characters, got 257',
    });
  });
});

describe('compareTranscriptCopies (which copy of one answer ccusage 20.0.24 keeps, measured on its binary)', () => {
  const copy = (input: number, output: number, cache_read = 0, cache_creation = 0) => ({
    input,
    output,
    cache_read,
    cache_creation,
    total: input + output + cache_read + cache_creation,
  });
  it('keeps more tokens in all, then more output, input, cache creation; a tie is no preference', () => {
    expect(compareTranscriptCopies(copy(100, 1), copy(10, 50))).toBeGreaterThan(0);
    expect(compareTranscriptCopies(copy(40, 60), copy(50, 50))).toBeGreaterThan(0);
    expect(compareTranscriptCopies(copy(50, 50), copy(0, 50, 50))).toBeGreaterThan(0);
    expect(compareTranscriptCopies(copy(0, 10, 0, 50), copy(0, 10, 50))).toBeGreaterThan(0);
    expect(compareTranscriptCopies(copy(5, 5), copy(5, 5))).toBe(0);
  });
});
