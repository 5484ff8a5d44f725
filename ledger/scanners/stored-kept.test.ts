// The kept captures' columns give back the very rows stored, including the values JSON cannot hold and texts with newlines.
import { describe, expect, it } from 'vitest';
import type { SnapshotFields } from './read-snapshot-fields.js';
import { buildWindowKey } from './row-head.js';
import { restoreKept, storeKept } from './stored-kept.js';

function createRow(id: string, window: string, point: Partial<SnapshotFields['point']> = {}): SnapshotFields {
  return {
    id,
    key: buildWindowKey('main', 'codex', window),
    source: id.endsWith('m') ? 'manual' : 'automation',
    phase: id.startsWith('b') ? 'before' : 'after',
    point: { at: 1_700_000_000_000, pct5h: 12.5, tokens: 3, reset5h: null, ...point },
  };
}

describe('stored kept captures', () => {
  it('restores every field of every row, nulls, NaN, infinities and -0 included', () => {
    const rows = [
      createRow('b1m', 'w1'),
      createRow('a1', 'w1', { pct5h: Number.POSITIVE_INFINITY, tokens: null, reset5h: Number.NaN }),
      createRow('b2', 'w2', { at: Number.NaN, pct5h: -0, tokens: Number.NEGATIVE_INFINITY, reset5h: 1e308 }),
    ];
    const stored = storeKept(rows);
    expect(typeof stored.ids).toBe('string');
    expect(stored.sources).toEqual(['manual', 'automation']);
    const restored = restoreKept(JSON.parse(JSON.stringify(stored)));
    expect(restored).toEqual(rows);
    expect(Object.is(restored[2]?.point.pct5h, -0)).toBe(true);
  });

  it('keeps a text column as a list when an id or key holds a newline, or is a lone empty id', () => {
    const rows = [createRow('b\n1', 'w\n1'), createRow('a1', 'w\n1')];
    const stored = storeKept(rows);
    expect(Array.isArray(stored.ids) && Array.isArray(stored.keys)).toBe(true);
    expect(restoreKept(JSON.parse(JSON.stringify(stored)))).toEqual(rows);
    const lone = [createRow('', 'w')];
    expect(restoreKept(JSON.parse(JSON.stringify(storeKept(lone))))).toEqual(lone);
    expect(restoreKept(storeKept([]))).toEqual([]);
  });

  it('refuses columns of different lengths, numbers cut short and indexes out of range', () => {
    const stored = storeKept([createRow('b1', 'w1'), createRow('a1', 'w1')]);
    expect(() => restoreKept({ ...stored, phases: 'b' })).toThrow(/different lengths/);
    expect(() => restoreKept({ ...stored, points: Buffer.alloc(60).toString('base64') })).toThrow(/cut short/);
    const outOfRange = Buffer.from(new Int32Array([0, 5]).buffer).toString('base64');
    expect(() => restoreKept({ ...stored, keyOf: outOfRange })).toThrow(/not text/);
    expect(() => restoreKept({ ...stored, ids: 7 as unknown as string })).toThrow(/not text/);
  });
});
