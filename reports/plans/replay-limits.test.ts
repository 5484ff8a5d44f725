// Replaying demand against a bar: windows from the first use or a seen reset, the hit, the wait and what waited.
import { describe, expect, it } from 'vitest';
import { replayLimits } from './replay-limits.js';

const H = 3_600_000;
const T0 = Date.parse('2026-11-02T00:00:00Z');

describe('replayLimits', () => {
  it('starts a 5-hour window at the first use after the last one ended, and counts a hit, its wait and what waited', () => {
    // Window 1: 0h..5h, 60 + 50 tokens against 100: hit at 2h, 3 hours waited, 10 + 30 tokens waiting.
    // Window 2 starts at 6h (the first use after 5h): 40 tokens, no hit.
    const demand = { at_ms: [T0, T0 + 2 * H, T0 + 4 * H, T0 + 6 * H, T0 + 9 * H], amount: [60, 50, 30, 20, 20] };
    const replayed = replayLimits(demand, 'five_hour', 100);
    expect(replayed.windows).toBe(2);
    expect(replayed.hits).toEqual([{ start_ms: T0, hit_ms: T0 + 2 * H, end_ms: T0 + 5 * H, blocked_tokens: 40 }]);
    expect(replayed.waited_hours).toBe(3);
    expect([replayed.served_tokens, replayed.asked_tokens]).toEqual([140, 180]);
  });

  it('keeps a seen reset: a weekly bar anchored there, one hit a week at most', () => {
    const anchor = T0 - 24 * H; // reset a day before the first use
    const week = 7 * 24 * H;
    const demand = { at_ms: [T0, T0 + 24 * H, T0 + 5 * 24 * H, T0 + week], amount: [500, 600, 10, 10] };
    const replayed = replayLimits(demand, 'weekly', 1000, anchor);
    expect(replayed.windows).toBe(2);
    expect(replayed.hits.map((hit) => [hit.start_ms, hit.hit_ms, hit.end_ms])).toEqual([[anchor, T0 + 24 * H, anchor + week]]);
    expect(replayed.waited_hours).toBe(5 * 24);
    expect(replayed.hits[0]?.blocked_tokens).toBe(110);
  });

  it('hits nothing when the bar is larger than any window of use, and a use exactly at the size is not a hit', () => {
    const demand = { at_ms: [T0, T0 + H], amount: [40, 60] };
    expect(replayLimits(demand, 'five_hour', 100).hits).toEqual([]);
    expect(replayLimits(demand, 'five_hour', 99).hits).toHaveLength(1);
    expect(replayLimits({ at_ms: [], amount: [] }, 'daily', 1)).toMatchObject({ windows: 0, hits: [], waited_hours: 0 });
  });
});
