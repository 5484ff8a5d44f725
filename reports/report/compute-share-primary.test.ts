// The primary analysis per pair on share gaps: checked against statsmodels on providers whose spreads differ 25-fold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { compareProviders } from '../metrics/compare-providers.js';
import { pairShareGaps } from '../metrics/pair-share-gaps.js';
import { chooseOpenContest, chooseVerdictPair, computeSharePrimary } from './compute-share-primary.js';

interface Fixture {
  providers: string[];
  alpha: number;
  windows: { task: string; provider: string; period: number; efficiency: number }[];
  contrasts: { a: string; b: string; estimate: number; se: number; df: number; p: number; p_holm: number; low: number; high: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('./test-fixtures/share-primary-statsmodels.json', import.meta.url), 'utf8')) as Fixture;

function toMetrics(w: Fixture['windows'][number], index: number): WindowMetrics {
  const at = new Date(Date.parse('2026-11-21T00:00:00Z') + index * 60_000).toISOString();
  return {
    provider: w.provider,
    feature_id: w.task,
    plan_id: 'plan-s',
    period: w.period,
    epoch: null,
    efficiency: w.efficiency,
    unit: 'pct_5h',
    capacity_delta: 1 / w.efficiency,
    quality: 1,
    success: true,
    errors: [],
    started_at: at,
    completed_at: at,
    window_id: `${w.provider}-${w.task}`,
  } as unknown as WindowMetrics;
}

const windows = fixture.windows.map(toMetrics);

/** Every contrast as statsmodels fitted it: estimate, p and Holm p to 1e-9, the Bonferroni bounds to 1e-6. */
function expectStatsmodels(primary: ReturnType<typeof computeSharePrimary>, expected: Fixture): void {
  for (const want of expected.contrasts) {
    const got = primary.contrasts.find((c) => c.a === want.a && c.b === want.b);
    expect(got?.estimate).toBeCloseTo(want.estimate, 9);
    expect(got?.p).toBeCloseTo(want.p, 9);
    expect(got?.p_adjusted).toBeCloseTo(want.p_holm, 9);
    expect(got?.low).toBeCloseTo(want.low, 6);
    expect(got?.high).toBeCloseTo(want.high, 6);
  }
}

describe('computeSharePrimary', () => {
  it('matches statsmodels OLS (subject + period + treatment) on every pair, with Holm p and Bonferroni intervals', () => {
    const primary = computeSharePrimary(pairShareGaps(windows, fixture.providers), fixture.alpha, 'bars');
    expect(primary.contrasts).toHaveLength(6);
    expectStatsmodels(primary, fixture);
  });

  it("matches statsmodels on the default run's own windows (seed 42, four simulated providers, per $)", () => {
    const seed42 = JSON.parse(readFileSync(new URL('./test-fixtures/share-primary-seed42.json', import.meta.url), 'utf8')) as Fixture;
    const primary = computeSharePrimary(pairShareGaps(seed42.windows.map(toMetrics), seed42.providers), seed42.alpha, 'usd');
    expectStatsmodels(primary, seed42);
    // The one clear effect of the default run, which the pooled model printed at Holm p 0.978.
    expect(primary.contrasts.find((c) => c.b === 'sim-claude+glm' && c.a === 'sim-claude')?.p_adjusted).toBeLessThan(1e-6);
  });

  it('finds the tight pair that a model pooling one variance over all providers hides', () => {
    const primary = computeSharePrimary(pairShareGaps(windows, fixture.providers), fixture.alpha, 'bars');
    const tight = primary.contrasts.find((c) => c.a === 'p1' && c.b === 'p2');
    expect(tight?.p_adjusted).toBeLessThan(1e-6);
    // The pooled least-squares model on efficiency per unit cannot tell p1 from p2: the wide pairs' variance swamps it.
    const pooled = compareProviders(windows, { alpha: fixture.alpha, providers: fixture.providers });
    const pooledPair = pooled.contrasts.find((c) => [c.a, c.b].sort().join() === 'p1,p2');
    expect(pooledPair?.p_holm).toBeGreaterThan(0.05);
  });

  it('names the leader when it beats everyone, and points the verdict and the power at the right pairs', () => {
    const primary = computeSharePrimary(pairShareGaps(windows, fixture.providers), fixture.alpha, 'bars');
    expect(primary.best).toBe('p4');
    expect(primary.leader).toBe('p4');
    // The leader against its closest rival: the largest adjusted p among its contrasts (p3 - p4, Holm p 0.043).
    expect(chooseVerdictPair(primary, fixture.providers, fixture.alpha)).toEqual(['p4', 'p3']);
    expect(chooseOpenContest(primary, fixture.alpha)).toEqual(['p4', 'p3']);
  });

  it('gives n/a with the reason when a pair has no task in one order', () => {
    const task = (subject: string, sequence: 'AB' | 'BA') => ({
      subject,
      gap: 0.1,
      sequence,
      efficiency_a: 1.2,
      efficiency_b: 1,
      quality_a: 1,
      quality_b: 1,
      completed_at: '',
    });
    const allAB = computeSharePrimary(
      [{ a: 'x', b: 'y', tasks: ['1', '2', '3', '4'].map((s) => task(s, 'AB')), unpaired: 0 }],
      0.05,
      'bars',
    );
    expect(allAB.contrasts[0]?.na).toMatch(/x first: 4, y first: 0/);
    expect(allAB.contrasts[0]?.estimate).toBeNull();
    const none = computeSharePrimary([{ a: 'x', b: 'y', tasks: [], unpaired: 0 }], 0.05, 'bars');
    expect(none.na).toMatch(/needs a task in each order and 3 in all/);
    expect(none.leader).toBeNull();
  });
});
