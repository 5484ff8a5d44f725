// Gemini CLI's real session file ingested in parts, again, resumed from an older .json, and beside a sub-agent's file.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestGeminiSessions } from './ingest-gemini-sessions.js';

const LINES = readFileSync(join(import.meta.dirname, '..', 'parsers', 'test-fixtures', 'real', 'gemini-0.61.0-session.jsonl'), 'utf8')
  .trim()
  .split('\n');
const NAME = 'session-2026-11-27T00-13-e9ee19c1';

let dir: string;
let chats: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemini-ingest-'));
  chats = join(dir, 'gemini-home', 'tmp', 'w2', 'chats');
  mkdirSync(chats, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ingest = () =>
  ingestGeminiSessions(
    join(dir, 'data'),
    { agentId: 'main', source: 'ingest' },
    { geminiHome: join(dir, 'gemini-home'), provider: 'gemini' },
  );
const readTotals = () =>
  readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { tokens: { total: number } }).tokens.total);
const writeLines = (file: string, lines: string[]) => writeFileSync(join(chats, file), `${lines.join('\n')}\n`);

describe('ingestGeminiSessions', () => {
  it('records each answer once, whether its repeat comes in the same run or the next', () => {
    writeLines(`${NAME}.jsonl`, LINES.slice(0, 5)); // the first answer, before the CLI writes it again with its tool call
    expect(ingest()).toMatchObject({ files: 1, filesRead: 1, readings: 1 });
    appendFileSync(join(chats, `${NAME}.jsonl`), `${LINES.slice(5).join('\n')}\n`);
    expect(ingest()).toMatchObject({ filesRead: 1, readings: 2, skipped: [] });
    expect(ingest()).toMatchObject({ filesRead: 0, readings: 0 });
    expect(readTotals()).toEqual([1860, 110, 2058]);
    const row = JSON.parse(readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8').split('\n')[0] as string);
    expect(row).toMatchObject({
      provider: 'gemini',
      format: 'gemini-session',
      model: 'gemini-2.5-pro',
      session_id: 'e9ee19c1-fe81-486d-aae3-dc28ad854717',
    });
  });

  it('counts a session resumed from an older .json once, and reads a sub-agent session in its parent folder', () => {
    const meta = JSON.parse(LINES[0] as string) as Record<string, unknown>;
    const messages = LINES.slice(1, 12)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((m) => m.type !== undefined);
    writeFileSync(join(chats, `${NAME}.json`), JSON.stringify({ ...meta, messages }));
    // 0.61.0 resuming it writes the .jsonl beside it: the metadata, every message again, then the new turn.
    writeLines(`${NAME}.jsonl`, [LINES[0] as string, ...messages.map((m) => JSON.stringify(m)), ...LINES.slice(12)]);
    const sub = { ...JSON.parse(LINES[14] as string), id: 'sub-answer', timestamp: '2026-11-27T00:13:33.000Z' };
    mkdirSync(join(chats, 'e9ee19c1-fe81-486d-aae3-dc28ad854717'));
    writeLines('e9ee19c1-fe81-486d-aae3-dc28ad854717/sub-1.jsonl', [
      JSON.stringify({ sessionId: 'sub-1', kind: 'subagent' }),
      JSON.stringify(sub),
    ]);
    expect(ingest()).toMatchObject({ files: 3, readings: 4 });
    expect(readTotals()).toEqual([2058, 1860, 110, 2058]);
  });

  it('names a line it cannot read and counts the rest; no tmp folder is one line naming the flag', () => {
    writeLines(`${NAME}.jsonl`, [...LINES.slice(0, 5), '{"type":"gemini","id":', ...LINES.slice(5)]);
    const result = ingest();
    expect(result.readings).toBe(3);
    expect(result.skipped).toEqual([{ file: `w2/chats/${NAME}.jsonl`, reason: expect.stringMatching(/^line at byte \d+: not JSON$/) }]);
    expect(() =>
      ingestGeminiSessions(join(dir, 'data'), { agentId: 'main', source: 'ingest' }, { geminiHome: dir, provider: 'gemini' }),
    ).toThrow(/no tmp directory in .* \(is it Gemini CLI's home, ~\/\.gemini\?\)/);
  });

  it('forgets the marks of a deleted session file and of the session only it named', () => {
    writeLines(`${NAME}.jsonl`, LINES);
    writeLines('other.jsonl', [JSON.stringify({ sessionId: 'other-1' }), LINES[14] as string]);
    expect(ingest().readings).toBe(4);
    rmSync(join(chats, 'other.jsonl'));
    expect(ingest()).toMatchObject({ files: 1, readings: 0 });
    const state = JSON.parse(readFileSync(join(dir, 'data', 'state', '_ingest', 'gemini-session.json'), 'utf8')) as Record<
      string,
      { files: object; sessions: object }
    >;
    const marks = Object.values(state)[0];
    expect(Object.keys(marks?.files ?? {})).toEqual([`w2/chats/${NAME}.jsonl`]);
    expect(Object.keys(marks?.sessions ?? {})).toEqual(['e9ee19c1-fe81-486d-aae3-dc28ad854717']);
  });
});
