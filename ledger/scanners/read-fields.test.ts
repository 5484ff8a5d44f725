import { describe, expect, it } from 'vitest';
import { createCompletionReader } from './read-completion-fields.js';
import { createSnapshotReader } from './read-snapshot-fields.js';
import { splitWindowKey } from './row-head.js';
import { WINDOW_ROW } from './test-fixtures/window-row.js';

/** Runs a reader over lines joined as one chunk, the way the preview scan does. */
function readAll<T>(create: (text: string, decode: (s: number, e: number) => string) => (s: number, e: number) => T, lines: string[]): T[] {
  const text = `${lines.join('\n')}\n`;
  const read = create(text, (s, e) => Buffer.from(text, 'latin1').toString('utf8', s, e));
  const out: T[] = [];
  for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) out.push(read(start, end));
  return out;
}

const snapshot = {
  id: '01900000-0000-7000-8000-000000000001',
  kind: 'snapshot',
  ts: '2026-11-21T10:00:01.000Z',
  schema_version: 1,
  tool_version: '0.1.0',
  source: 'manual',
  agent_id: 'sub-agent_1',
  provider: 'codex',
  window_id: 'codex-20261121-1000',
  phase: 'after',
  captured_at: '2026-11-21T10:00:00.000Z',
  format: 'codex-status',
  bars: {
    five_hour: { used_pct: 42.5, resets_at: '2026-11-21T14:32:00.000Z', resets_text: '14:32' },
    weekly: { used_pct: 7, resets_at: null },
  },
  tokens: { input: 10, output: 5, total: 15 },
  parse_errors: [],
  tags: [],
  notes: 'a note with "five_hour":{"used_pct":99} and "phase":"before" inside',
};
const expected = {
  id: snapshot.id,
  key: 'sub-agent_1","provider":"codex","window_id":"codex-20261121-1000',
  source: 'manual',
  phase: 'after',
  point: { at: Date.parse('2026-11-21T10:00:00Z'), pct5h: 42.5, tokens: 15, reset5h: Date.parse('2026-11-21T14:32:00Z') },
};

describe('createSnapshotReader', () => {
  it('reads canonical lines, hand-formatted lines and other kinds alike', () => {
    const canonical = JSON.stringify(snapshot);
    const spaced = JSON.stringify(snapshot, null, 1).replace(/\n/g, ' ');
    const reordered = JSON.stringify({ ...snapshot, kind: undefined, provider: undefined, kind2: 1 }).replace(
      '"kind2":1',
      '"provider":"codex","kind":"snapshot"',
    );
    const [a, b, c, other, junk] = readAll(createSnapshotReader, [
      canonical,
      spaced,
      reordered,
      JSON.stringify({ id: 'r', kind: 'retraction', target_id: 'x' }),
      '{"id":"x", broken',
    ]);
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
    expect(c).toEqual(expected);
    expect(other).toBeNull();
    expect(junk).toBeUndefined();
  });

  it('handles bars without a reset, token-only readings and non-canonical times', () => {
    const bare = {
      ...snapshot,
      bars: { five_hour: { used_pct: 3, resets_at: null } },
      tokens: undefined,
      captured_at: '2026-11-21T10:00:00+01:00',
    };
    const tokensOnly = { ...snapshot, bars: {}, tokens: { total: 900 } };
    const [a, b] = readAll(createSnapshotReader, [JSON.stringify(bare), JSON.stringify(tokensOnly)]);
    expect(a?.point).toEqual({ at: Date.parse('2026-11-21T09:00:00Z'), pct5h: 3, tokens: null, reset5h: null });
    expect(b?.point).toEqual({ at: expected.point.at, pct5h: null, tokens: 900, reset5h: null });
  });

  it('splits the key back into its parts', () => {
    expect(splitWindowKey(expected.key)).toEqual({ agentId: 'sub-agent_1', provider: 'codex', windowId: 'codex-20261121-1000' });
  });
});

describe('createCompletionReader', () => {
  const window = WINDOW_ROW;

  it('reads canonical and hand-formatted completions, with and without a feature', () => {
    const spaced = JSON.stringify({ ...window, feature_id: null }, null, 2).replace(/\n/g, '');
    const [a, b] = readAll(createCompletionReader, [JSON.stringify(window), spaced]);
    const capacity = { unit: 'pct_5h', before: 20, after: 32.5, delta: 12.5 };
    expect(a).toEqual({
      id: window.id,
      key: 'main","provider":"claude","window_id":"claude-20261121-1000',
      quality: 0.75,
      outcome: 'partial',
      featureId: 'F-12',
      capacity,
      errors: [],
      source: 'manual',
    });
    expect(b).toMatchObject({ quality: 0.75, featureId: null, capacity });
  });

  it('reads a null capacity and recorded errors', () => {
    const broken = { ...window, capacity: { unit: 'pct_5h', before: 40, after: 10, delta: null }, errors: ['negative-delta'] };
    const none = { ...window, capacity: null };
    const [a, b] = readAll(createCompletionReader, [JSON.stringify(broken), JSON.stringify(none)]);
    expect(a).toMatchObject({ capacity: { unit: 'pct_5h', before: 40, after: 10, delta: null }, errors: ['negative-delta'] });
    expect(b).toMatchObject({ capacity: null, errors: [] });
  });

  it('refuses an unknown outcome instead of guessing', () => {
    expect(readAll(createCompletionReader, [JSON.stringify({ ...window, outcome: 'great' })])).toEqual([undefined]);
  });
});
