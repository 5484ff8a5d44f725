// The completion table keeps the first completion order and the latest fields, also when built in two parts and merged.
import { describe, expect, it } from 'vitest';
import { CompletionTable, type Completion } from './completion-table.js';

const done = (quality: number, extra: Partial<Completion> = {}): Completion => ({
  quality,
  outcome: 'success',
  featureId: null,
  capacity: { unit: 'pct_5h', before: 10, after: 10 + quality * 10, delta: quality * 10 },
  errors: [],
  source: 'manual',
  ...extra,
});

/** Every completion, in table order, as plain data. */
function listAll(table: CompletionTable): [string, Completion][] {
  const all: [string, Completion][] = [];
  table.forEach((key, completion) => {
    all.push([key, completion]);
  });
  return all;
}

describe('CompletionTable', () => {
  const rows: [string, Completion][] = [
    ['a","provider":"claude","window_id":"w1', done(0.1, { featureId: 'F-1' })],
    [
      'b","provider":"codex","window_id":"w1',
      done(0.2, { errors: ['negative-delta'], capacity: { unit: 'pct_5h', before: 9, after: 3, delta: null } }),
    ],
    [
      'a","provider":"claude","window_id":"w2',
      done(0.3, { capacity: { unit: 'pct_5h', before: 1, after: 2, delta: 1, tokens: { before: 5, after: 9, delta: 4 } } }),
    ],
    // Later rows of the same windows: the first replaces its errors, the second drops its token side.
    ['b","provider":"codex","window_id":"w1', done(0.4, { source: 'runner', outcome: 'partial' })],
    ['a","provider":"claude","window_id":"w2', done(0.5, { featureId: 'F-1', capacity: null })],
    ['ü","provider":"claude","window_id":"wide', done(0.6, { featureId: 'Ω-1' })],
    ['c","provider":"glm","window_id":"w9', done(0.7, { source: 'not-a-known-source' })],
  ];

  it('keeps the first completion order and the latest fields, unknown sources reading as manual', () => {
    const table = new CompletionTable(2);
    for (const [key, completion] of rows) table.set(key, completion);
    expect(listAll(table)).toEqual([
      [rows[0]?.[0], rows[0]?.[1]],
      [rows[1]?.[0], rows[3]?.[1]],
      [rows[2]?.[0], rows[4]?.[1]],
      [rows[5]?.[0], rows[5]?.[1]],
      [rows[6]?.[0], { ...rows[6]?.[1], source: 'manual' }],
    ]);
    expect(table.has('a","provider":"claude","window_id":"w2')).toBe(true);
    expect(table.has('a","provider":"claude","window_id":"w3')).toBe(false);
  });

  it('gives the same table when a later part of the file is read into a table of its own and added', () => {
    for (let cut = 0; cut <= rows.length; cut += 1) {
      const whole = new CompletionTable();
      for (const [key, completion] of rows) whole.set(key, completion);
      const first = new CompletionTable();
      const later = new CompletionTable(16, false);
      for (const [index, [key, completion]] of rows.entries()) (index < cut ? first : later).set(key, completion);
      first.addTable(later.share());
      expect(listAll(first)).toEqual(listAll(whole));
    }
  });

  it('still answers has() once its values are released', () => {
    const table = new CompletionTable();
    table.set('k","provider":"p","window_id":"w', done(1));
    table.releaseValues();
    expect(table.has('k","provider":"p","window_id":"w')).toBe(true);
  });
});
