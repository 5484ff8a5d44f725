// The paired ratio of sums and its delta-method SE, checked against statsmodels-free closed forms; degenerate data bounded.
import { describe, expect, it } from 'vitest';
import { boundQuality, boundRatioExactly } from './degenerate-ratio.js';
import { compareRatioOfSums, summarizeRatioOfSums, type RatioTask } from './ratio-of-sums.js';

const tasks: RatioTask[] = [
  { qA: 1, cA: 0.2, qB: 1, cB: 0.5 },
  { qA: 0, cA: 0.1, qB: 1, cB: 0.4 },
  { qA: 1, cA: 0.3, qB: 0, cB: 0.9 },
  { qA: 1, cA: 0.25, qB: 1, cB: 0.6 },
  { qA: 0.5, cA: 0.15, qB: 1, cB: 0.3 },
];

describe('compareRatioOfSums', () => {
  it("is the ratio of the two providers' sums of quality over sums of dollars, failures' dollars included", () => {
    const r = compareRatioOfSums(tasks);
    expect(r.ratio).toBeCloseTo(3.5 / 1.0 / (4 / 2.7), 12);
    expect(r.work_a).toBe(3.5);
    expect(r.dollars_b).toBeCloseTo(2.7, 12);
    expect(r.degenerate).toBeNull();
    expect(r.df).toBe(4);
  });

  it('has the delta-method SE of ln R with its two floors (reference: numpy, reports/stats/ratio-of-sums-reference.py)', () => {
    // Without the floors 0.45326675397490979: B passed 4 of 5, and these costs' logs spread more than their dollars.
    const r = compareRatioOfSums(tasks);
    expect(r.log_se).toBeCloseTo(0.49074772683558077, 12);
    expect(r.df).toBe(4);
  });

  it('leaves the SE alone where the costs spread as little as their logs say and both sides pass and fail', () => {
    const tight = Array.from({ length: 8 }, (_, i) => ({
      qA: i % 3 === 0 ? 0 : 1,
      cA: 1 + i / 100,
      qB: i % 4 === 1 ? 0 : 1,
      cB: 2 + (i % 2) / 100,
    }));
    const r = compareRatioOfSums(tight);
    const m = { qA: 5 / 8, cA: 1.035, qB: 6 / 8, cB: 2.005 };
    const psi = tight.map((t) => (t.qA - m.qA) / m.qA - (t.cA - m.cA) / m.cA - (t.qB - m.qB) / m.qB + (t.cB - m.cB) / m.cB);
    const mean = psi.reduce((x, y) => x + y, 0) / 8;
    const plain = Math.sqrt(psi.reduce((x, y) => x + (y - mean) ** 2, 0) / 7 / 8);
    // Passes near half: two more of each change little; logs spread as the dollars do.
    expect((r.log_se as number) / plain - 1).toBeLessThan(0.06);
  });

  it('keeps cheap failures beside costly successes from counting as spread, and a side that always passed from being sure', () => {
    // Reference: numpy (ratio-of-sums-reference.py, "cheap failures"): plain 0.11020513019834975. B passed all 12: its
    // quality counts as if 2 of 16 failed; A's failures cost a tenth and its ln costs are two modes, which the
    // lognormal fit of ADR 0029 read as spread (it gave 0.826, 7.5 times plain, on 8d1aeb7).
    const size = [0.06, 0.33, 0.15, 0.38, 0.43, 0.07, 0.1, 0.19, 0.07, 0.79, 0.51, 0.29];
    const passes = [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1];
    const cheap = size.map((s, i) => ({ qA: passes[i] as number, cA: (passes[i] ? s : s / 10) * 1.1, qB: 1, cB: s * 2.2 }));
    const r = compareRatioOfSums(cheap);
    expect(r.log_se).toBeCloseTo(0.17143925184006353, 12);
    expect(r.df).toBeCloseTo(8.5996336992886793, 10);
  });

  it('lowers the df where a few runaway arms make psi heavy-tailed (reference: numpy, "runaways")', () => {
    const cA = [...Array(18).fill(1), 15, 15];
    const runaway = cA.map((c, i) => ({ qA: i < 14 ? 1 : 0, cA: c, qB: i % 2 === 0 ? 1 : 0, cB: 0.8 + (0.4 * i) / 19 }));
    const r = compareRatioOfSums(runaway);
    expect(r.log_se).toBeCloseTo(0.531490399581522, 12);
    expect(r.df).toBeCloseTo(8.0771403076034574, 10);
  });

  it('does not stay sure of a provider whose sample missed its expensive tail', () => {
    // Six cheap arms of a provider whose costs are lognormal with SD 1.5 on the log scale, beside a steady one:
    // in dollars they look tight, on the log scale they spread over a factor of 30.
    const cheap = [0.08, 0.3, 0.12, 1.1, 0.05, 0.6].map((cA) => ({ qA: 1, cA, qB: 1, cB: 1 }));
    const plainSe = (() => {
      const n = cheap.length;
      const mc = cheap.reduce((s, t) => s + t.cA, 0) / n;
      const psi = cheap.map((t) => -(t.cA - mc) / mc);
      return Math.sqrt(psi.reduce((s, v) => s + v * v, 0) / (n - 1) / n);
    })();
    expect(compareRatioOfSums(cheap).log_se).toBeGreaterThan(1.5 * plainSe);
  });

  it('mirrors: B against A is the reciprocal with the same SE', () => {
    const turned = tasks.map((t) => ({ qA: t.qB, cA: t.cB, qB: t.qA, cB: t.cA }));
    const ab = compareRatioOfSums(tasks);
    const ba = compareRatioOfSums(turned);
    expect(ba.log_ratio).toBeCloseTo(-(ab.log_ratio as number), 12);
    expect(ba.log_se).toBeCloseTo(ab.log_se as number, 12);
  });

  it('says why there is no SE: a side with no work, no cost, no spread, too few tasks', () => {
    expect(compareRatioOfSums(tasks.map((t) => ({ ...t, qB: 0 }))).degenerate).toBe('b-no-work');
    expect(compareRatioOfSums(tasks.map((t) => ({ ...t, qA: 0 }))).degenerate).toBe('a-no-work');
    expect(compareRatioOfSums(tasks.map((t) => ({ ...t, qA: 0, qB: 0 }))).degenerate).toBe('no-work');
    expect(compareRatioOfSums(tasks.map((t) => ({ ...t, cA: 0 }))).degenerate).toBe('no-cost');
    const same = Array.from({ length: 6 }, () => ({ qA: 1, cA: 1, qB: 1, cB: 2 }));
    expect(compareRatioOfSums(same)).toMatchObject({ ratio: 2, degenerate: 'no-spread' });
    expect(compareRatioOfSums(tasks.slice(0, 2)).degenerate).toBe('too-few');
  });
});

describe('summarizeRatioOfSums', () => {
  it("gives one provider's work per dollar and the SE of its log", () => {
    const s = summarizeRatioOfSums([1, 0, 1, 1, 0.5], [0.2, 0.1, 0.3, 0.25, 0.15]);
    expect(s.ratio).toBeCloseTo(3.5, 12);
    // Reference: numpy ("one provider"); 0.15361295119718979 without the floors.
    expect(s.log_se).toBeCloseTo(0.21799693704382198, 12);
    expect(s.df).toBe(4);
  });
});

describe('boundRatioExactly', () => {
  it('decides a provider that solved all 15 tasks against one that solved none at equal cost', () => {
    const sweep = Array.from({ length: 15 }, (_, i) => ({ qA: 1, cA: 1 + (i % 3) / 10, qB: 0, cB: 1 + (i % 3) / 10 }));
    const bound = boundRatioExactly(sweep, 0.05);
    expect(bound.high).toBe(Number.POSITIVE_INFINITY);
    expect(bound.low).toBeGreaterThan(1);
  });

  it('decides nothing on three tasks of the same', () => {
    const few = Array.from({ length: 3 }, () => ({ qA: 1, cA: 1, qB: 0, cB: 1 }));
    expect(boundRatioExactly(few, 0.05).low).toBeLessThan(1);
  });
});

describe('boundQuality', () => {
  it('bounds a mean of values in [0, 1] from n of them: closed forms at the ends, Hoeffding between', () => {
    // 15 zeros: the mean is below 1 - 0.025^(1/15) at 95%.
    expect(boundQuality(new Array(15).fill(0), 0.05)).toEqual({ low: 0, high: 1 - 0.025 ** (1 / 15) });
    expect(boundQuality(new Array(15).fill(1), 0.05)).toEqual({ low: 0.025 ** (1 / 15), high: 1 });
    const half = Math.sqrt(Math.log(2 / 0.05) / 20);
    const mixed = boundQuality([1, 0, 1, 1, 0, 1, 0, 1, 1, 0], 0.05);
    expect(mixed.low).toBeCloseTo(0.6 - half, 12);
    expect(mixed.high).toBe(1);
  });
});
