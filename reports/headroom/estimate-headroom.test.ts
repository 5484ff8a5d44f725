// Headroom as tasks: tokens left on each bar over the recent tasks' mean, the interval, which bar binds and which resets first.
import { describe, expect, it } from 'vitest';
import { estimateHeadroom } from './estimate-headroom.js';

const Z = 1.959963984540054;

describe('estimateHeadroom', () => {
  it("divides each bar's tokens left by the mean task, with the calibration's ends and the mean's standard error", () => {
    // 5h: 40% used of 1,000 tokens per 1%: 60,000 left; weekly: 90% used of 5,000: 50,000 left. Tasks 8k, 12k: mean
    // 10,000, sd 2,828.4, SE 2,000: the weekly bar binds at 5 tasks, [50 x 4,000 / 13,920, 50 x 6,000 / 6,080].
    const headroom = estimateHeadroom({
      provider: 'claude',
      bars: {
        five_hour: { used_pct: 40, resets_at: '2026-11-02T14:00:00Z', tokens_per_pct: { estimate: 1000, low: 900, high: 1100 } },
        weekly: { used_pct: 90, resets_at: '2026-11-05T00:00:00Z', tokens_per_pct: { estimate: 5000, low: 4000, high: 6000 } },
      },
      tasks: [8000, 12000],
      unit: 'session',
    });
    const se = (Z * Math.sqrt(8_000_000)) / Math.sqrt(2);
    expect(headroom.binding).toBe('weekly');
    expect(headroom.resets_first).toBe('five_hour');
    const weekly = headroom.bars.find((bar) => bar.bar === 'weekly')?.tasks;
    expect(weekly?.estimate).toBe(5);
    expect(weekly?.low).toBeCloseTo((10 * 4000) / (10_000 + se), 10);
    expect(weekly?.high).toBeCloseTo((10 * 6000) / (10_000 - se), 10);
    expect(headroom.line).toMatch(
      /^claude: about 5\.0 \[[\d.]+, [\d.]+\] more sessions like your last 2 before the weekly window binds \(it resets 2026-11-05 00:00 UTC\); the 5-hour one resets first$/,
    );
  });

  it('says n/a with the reason: no calibration, no recent task, no bar', () => {
    const bar = { used_pct: 10, resets_at: null, tokens_per_pct: null };
    expect(estimateHeadroom({ provider: 'a', bars: { daily: bar }, tasks: [5], unit: 'request' }).line).toBe(
      'a: headroom n/a (no bar calibrated (tracker calibrate))',
    );
    const rated = { ...bar, tokens_per_pct: { estimate: 1, low: 1, high: 1 } };
    expect(estimateHeadroom({ provider: 'a', bars: { daily: rated }, tasks: [], unit: 'request' }).line).toBe(
      'a: headroom n/a (no recent request with counted tokens)',
    );
    expect(estimateHeadroom({ provider: 'a', bars: {}, tasks: [5], unit: 'request' }).line).toBe(
      'a: headroom n/a (no bar read in its current period)',
    );
  });
});
