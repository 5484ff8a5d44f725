// The burn rate's slope and t-interval against statsmodels' OLS (fixture written by test-fixtures/burn_rate_statsmodels.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitBurnRate } from './fit-burn-rate.js';

interface Case {
  name: string;
  hours: number[];
  pct: number[];
  slope: number;
  low95: number;
  high95: number;
  low90: number;
  high90: number;
}
const { cases } = JSON.parse(readFileSync(new URL('./test-fixtures/burn-rate-statsmodels.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};
const pointsOf = (c: Case) => c.hours.map((hours, i) => ({ hours, pct: c.pct[i] as number }));

describe('fitBurnRate', () => {
  it.each(cases)('matches statsmodels OLS on $name (slope and 95%/90% intervals to 1e-9)', (c) => {
    const fit95 = fitBurnRate(pointsOf(c));
    const fit90 = fitBurnRate(pointsOf(c), 0.9);
    expect(fit95.reason).toBeNull();
    for (const [ours, theirs] of [
      [fit95.slope, c.slope],
      [fit95.low, c.low95],
      [fit95.high, c.high95],
      [fit90.low, c.low90],
      [fit90.high, c.high90],
    ] as const) {
      expect(Math.abs((ours as number) - theirs)).toBeLessThan(1e-9 * Math.max(1, Math.abs(theirs)));
    }
  });

  it('has no slope below 2 points or when every point is one instant, and no interval at 2 points or on an exact line', () => {
    expect(fitBurnRate([{ hours: 1, pct: 3 }])).toMatchObject({ slope: null, reason: '1 reading in this period: a burn rate needs 2' });
    expect(
      fitBurnRate([
        { hours: 1, pct: 3 },
        { hours: 1, pct: 5 },
      ]).slope,
    ).toBeNull();
    expect(
      fitBurnRate([
        { hours: 0, pct: 3 },
        { hours: 2, pct: 5 },
      ]),
    ).toMatchObject({ slope: 1, low: null, high: null });
    const line = fitBurnRate([0, 1, 2, 3].map((hours) => ({ hours, pct: 10 + 4 * hours })));
    expect(line.slope).toBeCloseTo(4, 12);
    expect(line.low).toBeNull();
    expect(line.reason).toContain('exactly on a line');
  });
});
