// A 5-hour bar with no calibration of its own, sized through the weekly one that moved with it: it binds first when it does.
import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../bars/bar-types.js';
import { reckonHeadroom } from '../headroom/index.js';
import { collectHeadroomBases } from './collect-headroom.js';
import type { AccountHistory } from './price-plan-outcome.js';

const H = 3_600_000;
const NOW = Date.parse('2026-11-02T12:00:00Z');
const at = (hours: number) => new Date(NOW - hours * H).toISOString();
const FIVE_RESET = '2026-11-02T14:00:00Z';
const WEEK_RESET = '2026-11-06T00:00:00Z';

/** Three status-line readings, each carrying both bars: the 5-hour bar moved 8% for each 1% of the weekly one. */
function readings(): BarSeries[] {
  const point = (hours: number, pct: number, resets: string) => ({ at: at(hours), used_pct: pct, resets_at: resets, source: 'statusline' });
  return [
    { provider: 'claude', bar: 'five_hour', points: [point(2, 30, FIVE_RESET), point(1, 46, FIVE_RESET), point(0.1, 62, FIVE_RESET)] },
    { provider: 'claude', bar: 'weekly', points: [point(2, 36, WEEK_RESET), point(1, 38, WEEK_RESET), point(0.1, 40, WEEK_RESET)] },
  ];
}

// The weekly bar calibrated at 5,000 tokens per 1%; the 5-hour bar not calibrated (too few pairs of its own).
const history: AccountHistory = {
  provider: 'claude',
  held: null,
  demand: {} as AccountHistory['demand'],
  bars: {
    weekly: { tokens_per_pct: { estimate: 5000, low: 4500, high: 5500 }, anchor_ms: null },
    five_hour: { tokens_per_pct: null, anchor_ms: null },
  },
};

describe('a bar sized through another', () => {
  it("names the 5-hour bar at 62% as binding (under a session left), not the weekly one's 8.8 sessions", () => {
    // Sessions of 34,000 tokens: weekly 60% x 5,000 = 300,000 left, 8.8 sessions; 5-hour 38% x 625 = 23,750, 0.7.
    const uses = [0, 1].map((i) => ({
      source: 'proxy' as const,
      provider: 'claude',
      at: NOW - (3 - i) * H,
      session: `s${i}`,
      tokens: 34_000,
    }));
    const sources = { histories: [history], series: readings(), account: (provider: string) => provider };
    const [basis] = collectHeadroomBases(uses, sources, NOW);
    expect(basis?.rates.five_hour?.estimate).toBe(625);
    const headroom = reckonHeadroom(basis as NonNullable<typeof basis>, {
      five_hour: { used_pct: 62, resets_at: FIVE_RESET },
      weekly: { used_pct: 40, resets_at: WEEK_RESET },
    });
    expect(headroom.binding).toBe('five_hour');
    expect(headroom.bars.find((bar) => bar.bar === 'five_hour')?.tasks?.estimate).toBeCloseTo(0.7, 1);
    expect(headroom.line).toContain('before the 5-hour window binds');
  });

  it('borrows nothing across a reset, nor from a bar that never moved with it', () => {
    const series = readings();
    const five = series[0] as BarSeries;
    five.points = five.points.map((point, i) => ({ ...point, resets_at: i === 1 ? '2026-11-02T09:00:00Z' : point.resets_at }));
    const [basis] = collectHeadroomBases([], { histories: [history], series, account: (provider: string) => provider }, NOW);
    expect(basis?.rates.five_hour).toBeUndefined();
  });
});
