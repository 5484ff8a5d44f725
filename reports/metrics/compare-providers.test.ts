// Tests of compareProviders: windows to a crossover fit over 2-4 providers, checked against the independent numpy/scipy fixture.
import { readFileSync } from 'node:fs';
import { makeWindowMetrics } from '../test-fixtures/make-window-metrics.js';
import { describe, expect, it } from 'vitest';
import type { PeriodObservation } from '../stats/williams-analysis.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { compareProviders, type ProviderComparison } from './compare-providers.js';

interface Expected {
  estimate: number;
  se: number;
  p: number;
  pHolm: number;
  simultaneousLow: number;
  simultaneousHigh: number;
  a: string;
  b: string;
}
interface Case {
  observations: PeriodObservation[];
  expected: { df: number; pairwise: Expected[]; means: { treatment: string; lsMean: number }[]; carryoverFitted: boolean };
}
const FIXTURES = JSON.parse(readFileSync(new URL('../stats/test-fixtures/williams-carryover.json', import.meta.url), 'utf8')) as Record<
  string,
  Case
>;

function window(
  provider: string,
  feature: string,
  efficiency: number | null,
  period: number | null,
  extra: Partial<WindowMetrics> = {},
): WindowMetrics {
  // Start times follow the period, so the start order gives the same periods when `period` is null.
  const at = new Date(Date.parse('2026-11-21T08:00:00Z') + (period ?? 0) * 3_600_000 + feature.length).toISOString();
  return makeWindowMetrics(provider, feature, period, efficiency, {
    window_id: `${provider}-${feature}`,
    started_at: at,
    ended_at: at,
    completed_at: at,
    ...extra,
  });
}

function toWindows(name: string, usePeriod = true): WindowMetrics[] {
  return (FIXTURES[name] as Case).observations.map((o) => ({
    ...window(o.treatment, o.subject, o.y, o.period),
    period: usePeriod ? o.period : null,
  }));
}

function expectRelative(actual: number | null | undefined, expected: number, rel: number): void {
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/** Every fixture pair, found in either orientation, with the sign and the intervals turned to match. */
function expectFixtureContrasts(result: ProviderComparison, name: string): void {
  const { expected } = FIXTURES[name] as Case;
  expect(result.df).toBe(expected.df);
  expect(result.contrasts).toHaveLength(expected.pairwise.length);
  for (const e of expected.pairwise) {
    const c = result.contrasts.find((x) => (x.a === e.a && x.b === e.b) || (x.a === e.b && x.b === e.a));
    const s = c?.a === e.a ? 1 : -1;
    expectRelative(s * (c?.estimate as number), e.estimate, 1e-10);
    expectRelative(c?.se, e.se, 1e-10);
    expectRelative(c?.p_holm, e.pHolm, 1e-8);
    expectRelative(s === 1 ? c?.simultaneous_low : -(c?.simultaneous_high as number), e.simultaneousLow, 1e-8);
    expect(c?.estimate).toBeGreaterThanOrEqual(0);
  }
  for (const m of expected.means) expectRelative(result.providers.find((p) => p.provider === m.treatment)?.adjusted_mean, m.lsMean, 1e-10);
}

describe('compareProviders', () => {
  it('compares three providers on a Williams plan with carryover, as the independent fit does, and names the best', () => {
    const result = compareProviders(toWindows('three'));
    expect(result.na).toBeNull();
    expect(result.method).toBe('ols-subject-period-treatment-carryover');
    expect(result.design).toBe('williams');
    expect(result.subjects).toEqual({ used: 18, complete: 18, incomplete: 0, dropped: 0 });
    expectFixtureContrasts(result, 'three');
    expect(result.providers.map((p) => p.provider)).toEqual(['sim-a', 'sim-b', 'sim-c']);
    expect(result.best).toBe('sim-a');
    expect(result.indistinguishable_from_best).toEqual([]);
    expect(result.summary).toMatch(
      /^sim-a is ahead of sim-b and sim-c \(Holm-adjusted p < 0\.001, < 0\.001\) \(alpha 0\.05; carryover in the model\)\.$/,
    );
    expect(result.carryover.estimates.map((c) => c.provider)).toEqual(['sim-b', 'sim-c']);
  });

  it('gives the same periods from the start order when windows carry no period', () => {
    const result = compareProviders(toWindows('four', false));
    expectFixtureContrasts(result, 'four');
    expect(result.best).toBe('sim-a');
    // Planted: a 0.9, c 0.5 (SE ~0.1 apart), b 0, d -0.4.
    expect(result.providers.map((p) => p.provider)).toEqual(['sim-a', 'sim-c', 'sim-b', 'sim-d']);
  });

  it('uses incomplete tasks after dropouts and leaves out of the carryover fit the outcomes after a gap', () => {
    const result = compareProviders(toWindows('four-dropouts'));
    expect(result.subjects).toEqual({ used: 16, complete: 12, incomplete: 4, dropped: 0 });
    expect(result.carryover.left_out).toBe(2);
    expect(result.observations).toBe(57);
    expectFixtureContrasts(result, 'four-dropouts');
  });

  it("keeps a window without efficiency in the run order as the next window's previous provider", () => {
    const windows = toWindows('four');
    const second = windows.findIndex((w) => w.period === 2);
    windows[second] = { ...(windows[second] as WindowMetrics), efficiency: null };
    const result = compareProviders(windows);
    expect(result.windows).toMatchObject({ used: 47, no_efficiency: 1 });
    expect(result.carryover).toMatchObject({ fitted: true, left_out: 0 });
    expect(result.subjects.incomplete).toBe(1);
  });

  it('works with two providers: AB/BA cannot estimate carryover, and the summary says it is not in the model', () => {
    const result = compareProviders(toWindows('ab-ba'));
    expect(result.carryover.fitted).toBe(false);
    expect(result.carryover.note).toMatch(/aliased.*balance is relied on/);
    expectFixtureContrasts(result, 'ab-ba');
    expect(result.best).toBe('sim-a');
    expect(result.summary).toMatch(/no carryover term, see the carryover note/);
  });

  it('compares a requested subset, with the left-out provider still counted as a carryover source', () => {
    const result = compareProviders(toWindows('four'), { providers: ['sim-b', 'sim-c', 'sim-d'] });
    expect(result.providers.map((p) => p.provider).sort()).toEqual(['sim-b', 'sim-c', 'sim-d']);
    expect(result.contrasts).toHaveLength(3);
    expect(result.carryover.estimates.map((c) => c.provider)).toContain('sim-a');
    expect(() => compareProviders(toWindows('four'), { providers: ['sim-a'] })).toThrow(/name at least 2 providers/);
  });

  it('lists providers it cannot tell from the best, and counts repeats, other units and windows without a task', () => {
    const tasks = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];
    const noise = [0.3, -0.2, 0.1, -0.4, 0.2, 0.05, -0.1, 0.25, -0.3, 0.15, 0.0, 0.35];
    const windows = tasks.flatMap((t, i) => {
      const [first, second] = i % 2 === 0 ? ['x', 'y'] : ['y', 'x'];
      return [
        window(first as string, t, 5 + (noise[2 * i] as number), 1),
        window(second as string, t, 5 + (noise[2 * i + 1] as number), 2),
      ];
    });
    windows.push(
      window('x', 'T1', 9, 3),
      { ...window('y', 'T9', 3, 1), unit: 'tokens' },
      { ...window('x', 'T9', 3, 2) },
      { ...window('x', 'T0', 1, 1), feature_id: null },
    );
    const result = compareProviders(windows);
    expect(result.windows).toEqual({ used: 12, no_task: 1, no_efficiency: 0, other_unit: 1, repeats: 1 });
    expect(result.subjects.dropped).toBe(1);
    expect(result.indistinguishable_from_best).toHaveLength(1);
    expect(result.summary).toMatch(
      /is not shown ahead of any other provider; (x|y) cannot be told apart from (x|y) \(Holm-adjusted p 0\.\d+\)/,
    );
  });

  it('says n/a with a reason for too little data instead of a verdict', () => {
    const single = compareProviders([window('x', 'T1', 1, 1), window('x', 'T2', 2, 1)]);
    expect(single).toMatchObject({
      na: expect.stringMatching(/no task has efficiencies \(in pct_5h\) from two providers/),
      best: null,
      contrasts: [],
      method: null,
    });
    expect(single.summary).toMatch(/^No comparison of providers: /);
    const noDf = compareProviders([window('x', 'T1', 1, 1), window('y', 'T1', 2, 2), window('y', 'T2', 1, 1), window('x', 'T2', 3, 2)]);
    expect(noDf.na).toMatch(/no residual degrees of freedom/);
    expect(noDf.providers).toEqual([
      { provider: 'x', raw_mean: 2, observations: 2, adjusted_mean: null },
      { provider: 'y', raw_mean: 1.5, observations: 2, adjusted_mean: null },
    ]);
  });

  it('cannot test anyone against the best when the model fits exactly, and says so', () => {
    const windows = ['T1', 'T2', 'T3', 'T4'].flatMap((t, i) =>
      i % 2 === 0 ? [window('x', t, 2 + i, 1), window('y', t, 1 + i, 2)] : [window('y', t, 1 + i, 1), window('x', t, 2 + i, 2)],
    );
    const result = compareProviders(windows);
    expect(result.best).toBe('x');
    expect(result.contrasts[0]?.estimate).toBeCloseTo(1, 10);
    expect(result.contrasts[0]?.na).toMatch(/standard error 0/);
    expect(result.indistinguishable_from_best).toEqual(['y']);
    expect(result.summary).toMatch(/y cannot be tested against x \(no variation/);
  });
});
