import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGeminiSessionJson, readGeminiSessionLine } from './gemini-session-line.js';

const LINES = readFileSync(join(import.meta.dirname, 'test-fixtures', 'real', 'gemini-0.61.0-session.jsonl'), 'utf8')
  .trim()
  .split('\n');

describe('readGeminiSessionLine on the real 0.61.0 session file', () => {
  it('reads the session from the first line and each answer in the proxy convention', () => {
    expect(readGeminiSessionLine(LINES[0] as string)).toEqual({ session: 'e9ee19c1-fe81-486d-aae3-dc28ad854717' });
    const answers = LINES.map(readGeminiSessionLine).flatMap((line) => ('messages' in line ? line.messages : []));
    // The first two answers are written twice (again with their tool calls): same id, same tokens.
    expect(answers.map((answer) => answer.id.slice(0, 8))).toEqual(['05f33c00', '05f33c00', 'da37c658', 'da37c658', '9b2f15e3']);
    expect(answers[4]).toEqual({
      id: '9b2f15e3-eb6e-456e-a441-7f5a003a3aa7',
      capturedAt: expect.stringMatching(/^2026-11-27T00:13:3/),
      model: 'gemini-2.5-pro',
      // input 2,050 of which 1,800 cached, output 8 (the CLI's total 2,058)
      tokens: { input: 250, output: 8, cache_read: 1800, total: 2058 },
    });
    expect(readGeminiSessionLine(LINES[2] as string)).toEqual({ skip: true }); // the user's prompt
    expect(readGeminiSessionLine(LINES[3] as string)).toEqual({ skip: true }); // a $set of lastUpdated
  });

  it('counts thoughts as output and tool-use prompts as input, as the proxy does', () => {
    const line = JSON.stringify({
      id: 'a',
      timestamp: '2026-11-27T00:00:00Z',
      type: 'gemini',
      tokens: { input: 100, output: 5, cached: 40, thoughts: 30, tool: 20, total: 155 },
      model: 'gemini-2.5-flash',
    });
    expect(readGeminiSessionLine(line)).toMatchObject({ messages: [{ tokens: { input: 80, output: 35, cache_read: 40, total: 155 } }] });
  });

  it('reads the answers a $set lists, and says what it leaves out', () => {
    const good = { id: 'g', timestamp: '2026-11-27T00:00:00Z', type: 'gemini', tokens: { input: 10, output: 1 } };
    const bad = { id: 'b', timestamp: '2026-11-27T00:00:01Z', type: 'gemini', tokens: { input: -1 } };
    const read = readGeminiSessionLine(JSON.stringify({ $set: { messages: [{ type: 'user', id: 'u' }, good, bad] } }));
    expect(read).toEqual({
      messages: [{ id: 'g', capturedAt: '2026-11-27T00:00:00.000Z', tokens: { input: 10, output: 1, cache_read: 0, total: 11 } }],
      notes: ['answer b: tokens.input: expected a whole number, got -1'],
    });
    expect(readGeminiSessionLine('{"id":')).toEqual({ error: 'not JSON' });
    // An answer whose usage has not come yet: nothing to count, no note.
    expect(readGeminiSessionLine(JSON.stringify({ ...good, tokens: null }))).toEqual({ skip: true });
    expect(readGeminiSessionLine(JSON.stringify({ ...good, timestamp: 'soon' }))).toEqual({
      messages: [],
      notes: ['answer g: no timestamp'],
    });
  });
});

describe('readGeminiSessionJson (an older CLI writes the whole session as one JSON)', () => {
  it('reads its session and answers, and refuses another shape', () => {
    const messages = LINES.slice(1)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((m) => m.type !== undefined);
    const read = readGeminiSessionJson(JSON.stringify({ sessionId: 's1', projectHash: 'p', messages }));
    expect('messages' in read && read.messages.map((m) => m.tokens.total)).toEqual([1860, 1860, 110, 110, 2058]);
    expect(readGeminiSessionJson('{"messages": 3}')).toEqual({ error: 'expected {sessionId, messages: [...]}' });
  });
});
