// The key table finds keys by text and by the bytes they lie in, across growth, threads and unusual characters.
import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

describe('KeyTable', () => {
  const keys = Array.from({ length: 5_000 }, (_, i) => `agent-${i % 7}","provider":"p${i % 3}","window_id":"w-${i}`);

  it('gives dense indexes in insertion order, through growth, and reads keys back', () => {
    const table = new KeyTable();
    for (const [i, key] of keys.entries()) expect(table.add(key)).toBe(i);
    for (const [i, key] of keys.entries()) expect(table.add(key)).toBe(i);
    expect(table.size).toBe(keys.length);
    expect(table.readKey(4_321)).toBe(keys[4_321]);
    expect(table.find('agent-0","provider":"p0","window_id":"w-5000')).toBe(-1);
  });

  it('finds a key by the bytes it lies in, as another thread does with the shared buffers', () => {
    const table = new KeyTable({ expectedKeys: 10 });
    for (const key of keys) table.add(key);
    const probe = new KeyTable({ shared: table.share() });
    const line = Buffer.from(`{"x":"${keys[77]}"}`, 'latin1');
    expect(probe.findBytes(line, 6, line.length - 2)).toBe(77);
    expect(probe.findBytes(line, 6, line.length - 3)).toBe(-1);
  });

  it('keeps keys with characters above U+00FF apart, and the empty key', () => {
    const table = new KeyTable();
    expect(table.add('Ω","provider":"p","window_id":"w')).toBe(0);
    expect(table.add('')).toBe(1);
    expect(table.add('Ω","provider":"p","window_id":"w')).toBe(0);
    expect(table.readKey(0)).toBe('Ω","provider":"p","window_id":"w');
    expect(table.readKey(1)).toBe('');
    const copy = new KeyTable();
    expect([copy.addFrom(table, 1), copy.addFrom(table, 0)]).toEqual([0, 1]);
    expect(copy.find('Ω","provider":"p","window_id":"w')).toBe(1);
  });

  it('reads latin1 bytes and strings of the same characters alike', () => {
    const table = new KeyTable();
    table.add('caf\u00e9');
    expect(table.findBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 0, 4)).toBe(0);
    expect(table.findBytes(Buffer.from('café', 'utf8'), 0, 5)).toBe(-1);
  });
});
