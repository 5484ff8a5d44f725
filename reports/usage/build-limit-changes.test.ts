import { describe, expect, it } from 'vitest';
import { makeBarWindow, makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildLimitChanges, roundAbout } from './build-limit-changes.js';

// Week 47 buys about 2,360 tokens per 1% of the 5h bar, week 48 about 1,610: the limit was lowered.
const week47 = [
  [2, 4800],
  [3, 7000],
  [4, 9500],
  [2.5, 5900],
  [3.5, 8200],
].map(([delta, tokens], index) => makeBarWindow('claude', `a${index}`, delta ?? 0, tokens ?? 0, `2026-11-${17 + index}T10:00:00.000Z`));
const week48 = [
  [3, 4900],
  [4, 6300],
  [2, 3300],
  [5, 8000],
].map(([delta, tokens], index) => makeBarWindow('claude', `b${index}`, delta ?? 0, tokens ?? 0, `2026-11-${23 + index}T10:00:00.000Z`));

describe('buildLimitChanges', () => {
  it('gives tokens per 1% with the interval scipy gives, and flags the week that left the earlier level', () => {
    const { points, shifts } = buildLimitChanges(makeUsageInputs({ windows: [...week47, ...week48] }), 'week');
    // Reference: ratio estimator, t(n-1) interval on the linearized residuals with the readings' rounding, ends inverted; numpy + scipy
    // (reports/usage/limit-changes-reference.py). jStat's t quantile agrees with scipy's to about 1e-10 relative,
    // so the ends are compared to 6 decimals (values near 2,000).
    expect(points).toHaveLength(2);
    const [before, after] = points;
    expect(before).toMatchObject({ provider: 'claude', bar: 'five_hour', period: '2026-W47', n: 5, shift: false, reason: null });
    expect(before?.tokens_per_pct).toBeCloseTo(2360.0, 9);
    expect(before?.low).toBeCloseTo(2332.1818262295105, 6);
    expect(before?.high).toBeCloseTo(2388.489813241195, 6);
    expect(after).toMatchObject({ period: '2026-W48', n: 4, shift: true });
    expect(after?.tokens_per_pct).toBeCloseTo(1607.142857142857, 9);
    expect(after?.low).toBeCloseTo(1442.2795963203907, 6);
    expect(after?.high).toBeCloseTo(1814.56059924714, 6);
    expect(shifts).toEqual([
      'Claude 5h: 1% bought about 2,360 tokens before 2026-W48, about 1,610 in 2026-W48 (95% interval 1,440 to 1,810, 4 windows)',
    ]);
  });

  it('flags nothing when the later week stays at the earlier level', () => {
    const same = week47.map((window, index) => ({ ...window, window_id: `c${index}`, ended_at: `2026-11-${23 + index}T10:00:00.000Z` }));
    const { points, shifts } = buildLimitChanges(makeUsageInputs({ windows: [...week47, ...same] }), 'week');
    expect(points.map((point) => point.shift)).toEqual([false, false]);
    expect(shifts).toEqual([]);
  });

  it('names a lowered limit once: the weeks after it are compared with the new level', () => {
    const week49 = week48.map((window, index) => ({ ...window, window_id: `d${index}`, ended_at: `2026-11-${30 - index}T10:00:00.000Z` }));
    const { points, shifts } = buildLimitChanges(makeUsageInputs({ windows: [...week47, ...week48, ...week49] }), 'week');
    expect(points.map((point) => [point.period, point.shift])).toEqual([
      ['2026-W47', false],
      ['2026-W48', true],
      ['2026-W49', false],
    ]);
    expect(shifts).toHaveLength(1);
  });

  it('calls a change under 10% no shift, even when a narrow interval excludes the earlier level', () => {
    // 5% fewer tokens per 1% in week 48, with an interval well clear of week 47's level.
    const slightly = week47.map((window, index) => {
      const tokens = Math.round((window.capacity?.tokens?.delta ?? 0) / 1.05);
      return {
        ...window,
        window_id: `e${index}`,
        ended_at: `2026-11-${23 + index}T10:00:00.000Z`,
        capacity: { ...window.capacity!, tokens: { before: 0, after: tokens, delta: tokens } },
      };
    });
    const { points } = buildLimitChanges(makeUsageInputs({ windows: [...week47, ...slightly] }), 'week');
    expect(points[1]?.high).toBeLessThan(2360);
    expect(points[1]?.shift).toBe(false);
  });

  it('says why a period has no interval, and tests nothing against a pool of fewer than 3 windows', () => {
    const { points } = buildLimitChanges(makeUsageInputs({ windows: [...week47.slice(0, 2), ...week48] }), 'week');
    expect(points[0]).toMatchObject({ n: 2, low: null, high: null, reason: '2 window(s): an interval needs 3' });
    expect(points[1]?.shift).toBe(false);
  });

  it('counts only the provider’s own proxy tokens for a window and its day in the asked time zone', () => {
    const window = makeBarWindow('claude', 'p1', 2, 1, '2026-11-23T23:30:00.000Z');
    const telemetry = [{ ...makeProxyRow('2026-11-23T23:00:00.000Z', 'claude-sonnet-4-5', [3000, 1000, 0, 0]), window_id: 'p1' }];
    const { points } = buildLimitChanges(makeUsageInputs({ windows: [window], telemetry }), 'day', 'Asia/Tokyo');
    expect(points[0]).toMatchObject({ period: '2026-11-24', tokens_per_pct: 2000, n: 1 });
  });

  it('marks a bar that did not move', () => {
    const still = [1, 2, 3].map((index) => makeBarWindow('codex', `s${index}`, 0, 1000, `2026-11-1${index + 6}T10:00:00.000Z`));
    const { points } = buildLimitChanges(makeUsageInputs({ windows: still }), 'week');
    expect(points[0]).toMatchObject({ tokens_per_pct: null, reason: 'the bar did not move over 3 window(s)' });
  });
});

describe('roundAbout', () => {
  it('keeps three significant figures', () => {
    expect([roundAbout(2347.6), roundAbout(1607.14), roundAbout(12.345)]).toEqual(['2,350', '1,610', '12.3']);
  });
});
