// The byte reader of a row's window key must answer as readHead does on the same line.
import { describe, expect, it } from 'vitest';
import { toBytes } from './byte-search.js';
import { createKeySpan, readKeyBytes } from './read-key-bytes.js';
import { hashWindowKey, HEAD_FOUND, HEAD_NOT_CANONICAL, HEAD_OTHER_KIND, readHead } from './row-head.js';

const row = {
  id: '01900000-0000-7000-8000-000000000001',
  kind: 'snapshot',
  ts: '2026-11-21T10:00:01.000Z',
  schema_version: 1,
  tool_version: '0.1.0',
  source: 'ingest',
  agent_id: 'sub-agent_1',
  provider: 'claude+glm',
  window_id: 'claude+glm-20261121-1000',
  phase: 'after',
  notes: 'a note with "agent_id":"x" inside',
};

/** readKeyBytes on the line, as readHead's answer: the key's text, null or undefined. */
function readKey(line: string, kind = 'snapshot"'): string | null | undefined {
  const bytes = Buffer.from(`${line}\n`, 'latin1');
  const span = createKeySpan();
  const verdict = readKeyBytes(bytes, 0, line.length, toBytes(kind), span);
  if (verdict === HEAD_OTHER_KIND) return null;
  if (verdict === HEAD_NOT_CANONICAL) return undefined;
  expect(verdict).toBe(HEAD_FOUND);
  const key = bytes.toString('latin1', span.keyStart, span.keyEnd);
  // The hash taken on the way is the one the completed windows' table stores for the key.
  expect(span.hash).toBe(hashWindowKey(key));
  return key;
}

describe('readKeyBytes', () => {
  it('agrees with readHead on canonical, spaced, reordered, escaped and other-kind lines', () => {
    const lines = [
      JSON.stringify(row),
      JSON.stringify({ ...row, id: 'short' }),
      JSON.stringify(row, null, 1).replace(/\n/g, ' '),
      JSON.stringify({ ...row, provider: undefined, extra: 1 }).replace('"extra":1', '"provider":"claude"'),
      JSON.stringify({ ...row, agent_id: 'a"b' }),
      JSON.stringify({ ...row, window_id: 'w\\1' }),
      JSON.stringify({ ...row, kind: 'retraction' }),
      JSON.stringify({ ...row, kind: 'snapshots' }),
      JSON.stringify(row).replace(`{"id":"${row.id}","kind":"snapshot"`, `{"kind":"snapshot","id":"${row.id}"`),
      '{"id":"x","kind":"snapshot"',
      '',
      'junk',
    ];
    for (const line of lines) {
      const head = readHead(`${line}\n`, 0, line.length, 'snapshot"');
      expect(readKey(line), line).toEqual(head === null || head === undefined ? head : head.key);
    }
    expect(readKey(JSON.stringify(row))).toBe('sub-agent_1","provider":"claude+glm","window_id":"claude+glm-20261121-1000');
  });

  it('stops at the end of the line where readHead would read on into the next one', () => {
    const torn = '{"id":"x","kind":"snapshot","agent_id":"a","provider":"p","window_id":"w';
    expect(readKey(torn)).toBeUndefined();
  });
});
