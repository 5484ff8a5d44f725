// Row ids: RFC 9562 UUIDv7s, laid out as uuid@11 laid them out, in creation order within a process.
import { describe, expect, it, vi } from 'vitest';
import { makeRowId } from './make-row-id.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit Unix milliseconds at the front of a v7 id. */
function readMillis(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

describe('makeRowId', () => {
  it('makes version-7, RFC-variant ids whose first 48 bits are the millisecond given', () => {
    const at = Date.parse('2026-11-28T12:00:00.123Z');
    const id = makeRowId(at);
    expect(id).toMatch(V7);
    expect(readMillis(id)).toBe(at);
  });

  it('keeps ids made in one millisecond in the order they were made, and distinct', () => {
    // Ahead of any id this worker made before (the counter's state is the process's): a day from now.
    vi.useFakeTimers({ now: Date.now() + 86_400_000, toFake: ['Date'] });
    try {
      const ids = Array.from({ length: 5_000 }, () => makeRowId());
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(ids);
      for (const id of ids) expect(id).toMatch(V7);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sorts ids of a later millisecond after those of an earlier one', () => {
    const ids: string[] = [];
    vi.useFakeTimers({ now: Date.now() + 2 * 86_400_000, toFake: ['Date'] });
    try {
      for (let ms = 0; ms < 50; ms += 1) {
        for (let i = 0; i < 20; i += 1) ids.push(makeRowId());
        vi.setSystemTime(Date.now() + 1);
      }
    } finally {
      vi.useRealTimers();
    }
    expect([...ids].sort()).toEqual(ids);
    expect(readMillis(ids.at(-1) as string) - readMillis(ids[0] as string)).toBeGreaterThanOrEqual(49);
  });

  it('draws fresh random bits for an injected clock (two ids at one instant differ)', () => {
    const at = Date.parse('2026-01-01T00:00:00Z');
    expect(makeRowId(at)).not.toBe(makeRowId(at));
  });
});
