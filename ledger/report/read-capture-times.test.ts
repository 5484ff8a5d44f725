import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCaptureLine, readCaptureTimes } from './read-capture-times.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capture-times-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const canonical = (id: string, at: string) =>
  `{"id":"${id}","kind":"snapshot","ts":"${at}","provider":"claude","phase":"before","captured_at":"${at}","bars":{}}`;
const handFormatted = (id: string, at: string) =>
  `{"kind": "snapshot", "captured_at": "${at}", "id": "${id}", "provider": "claude", "phase": "after"}`;

/** The times read from a file of `lines`, by the byte scan and by the text reader line by line. */
function readBoth(
  lines: string[],
  ids: string[],
  tail = '',
): { bytes: Map<string, string | null>; text: Map<string, string | null>; torn: boolean } {
  const path = join(dir, 'snapshots.jsonl');
  appendFileSync(path, `${lines.join('\n')}\n${tail}`);
  const bytes = new Map<string, string | null>(ids.map((id) => [id, null]));
  const { torn } = readCaptureTimes(path, bytes);
  const text = new Map<string, string | null>(ids.map((id) => [id, null]));
  for (const line of lines) if (line !== '') readCaptureLine(line, text);
  return { bytes, text, torn };
}

describe('readCaptureTimes', () => {
  it('gives canonical and hand-formatted lines the same capture times, and the text reader agrees', () => {
    const { bytes, text, torn } = readBoth(
      [
        canonical('a', '2026-11-21T10:00:00.000Z'),
        '',
        handFormatted('b', '2026-11-21T10:45:00.000Z'),
        canonical('c', '2026-11-21T11:00:00.000Z'),
      ],
      ['a', 'b'],
    );
    expect([...bytes]).toEqual([
      ['a', '2026-11-21T10:00:00.000Z'],
      ['b', '2026-11-21T10:45:00.000Z'],
    ]);
    expect(bytes).toEqual(text);
    expect(torn).toBe(false);
  });

  it('keeps the last line of an id, nulls a time that is not a date, and reads non-ASCII ids and lines', () => {
    const { bytes, text } = readBoth(
      [
        canonical('a', '2026-11-21T10:00:00.000Z'),
        canonical('a', '2026-11-21T12:00:00.000Z'),
        canonical('b', 'not a date'),
        canonical('é-1', '2026-11-21T13:00:00.000Z').replace('"bars":{}', '"note":"ünïcode"'),
      ],
      ['a', 'b', 'é-1'],
    );
    expect(bytes.get('a')).toBe('2026-11-21T12:00:00.000Z');
    expect(bytes.get('b')).toBeNull();
    expect(bytes.get('é-1')).toBe('2026-11-21T13:00:00.000Z');
    expect(bytes).toEqual(text);
  });

  it('falls back to the parsed row when a canonical id has no captured_at in canonical form, and skips junk', () => {
    const spaced = '{"id":"a","kind":"snapshot","captured_at": "2026-11-21T10:00:00.000Z"}';
    const { bytes, text, torn } = readBoth(
      [spaced, 'not json', '{"id":"b', '{"id":"c","captured_at":"2026'],
      ['a', 'b', 'c'],
      '{"id":"torn',
    );
    expect(bytes.get('a')).toBe('2026-11-21T10:00:00.000Z');
    expect(bytes).toEqual(text);
    expect(torn).toBe(true);
  });

  it('reads nothing when no id is wanted', () => {
    expect(readCaptureTimes(join(dir, 'missing.jsonl'), new Map())).toEqual({ torn: false });
  });
});
