// The Bars page's periods: a reset (a new reset time, or a fall without one) starts a new line.
import { describe, expect, it } from 'vitest';
import { markBarPeriods } from './bar-periods.js';

const point = (at: string, used_pct: number, resets_at: string | null, source = 'statusline') => ({ at, used_pct, resets_at, source });

describe('markBarPeriods', () => {
  it('starts a period at each new reset, joins resets two minutes apart, and sorts by time', () => {
    const marked = markBarPeriods([
      point('2026-11-02T13:00:00Z', 95, '2026-11-02T14:00:00Z'),
      point('2026-11-02T12:00:00Z', 40, '2026-11-02T14:00:30Z', 'proxy-headers'),
      point('2026-11-02T15:00:00Z', 5, '2026-11-02T19:00:00Z'),
      point('2026-11-02T16:00:00Z', 20, '2026-11-02T19:01:00Z'),
    ]);
    expect(marked.map((one) => [one.used_pct, one.period])).toEqual([
      [40, 0],
      [95, 0],
      [5, 1],
      [20, 1],
    ]);
  });

  it('reads a fall of 10 points or more without a reset time as a reset', () => {
    const marked = markBarPeriods([
      point('2026-11-02T12:00:00Z', 80, null),
      point('2026-11-02T13:00:00Z', 79.5, null),
      point('2026-11-02T14:00:00Z', 3, null),
    ]);
    expect(marked.map((one) => one.period)).toEqual([0, 0, 1]);
  });
});

describe("the Bars page's chart", () => {
  it('draws a line per source and period, none across a reset', async () => {
    const { buildBarSpec } = await import('./bars-page.js');
    const points = [point('2026-11-02T13:00:00Z', 95, '2026-11-02T14:00:00Z'), point('2026-11-02T15:00:00Z', 5, '2026-11-02T19:00:00Z')];
    const spec = buildBarSpec({ provider: 'claude', bar: 'five_hour', points }, undefined, []) as {
      layer: { data: { values: { period?: number }[] }; encoding: { detail?: { field: string } } }[];
    };
    const readings = spec.layer[0];
    expect(readings?.encoding.detail?.field).toBe('period');
    expect(readings?.data.values.map((one) => one.period)).toEqual([0, 1]);
  });
});
