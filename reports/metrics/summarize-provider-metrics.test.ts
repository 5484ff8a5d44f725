// Per-provider efficiency intervals: n/a with the reason, and the small-sample warning with its bootstrap-t beside the t interval.
import { describe, expect, it } from 'vitest';
import { computeEfficiencyInterval } from './summarize-provider-metrics.js';

/** Ten right-skewed efficiencies (one long window pulls the mean), as a provider with a few cheap and one costly task gives. */
const SKEWED_TEN = [0.8, 0.95, 1.1, 1.2, 1.3, 1.5, 1.7, 2.1, 2.6, 9.4];

/** Zero-inflated efficiencies: six failed tasks score 0 (issue 32 item 9). */
const ZERO_INFLATED = [0, 0, 0, 0, 12, 15, 30, 0, 9, 0];
/** sim-codex's ten task efficiencies in `experiment run --seed 42`: two failures and a tight cluster, whose bootstrap-t was [-13.99, 12.71]. */
const TWO_FAILURES = [0, 12.2, 12.4, 12.1, 12.5, 0, 12.3, 12.6, 12.2, 12.3];

describe('computeEfficiencyInterval', () => {
  // Before the cut: the t interval of the first reached -0.61, the bootstrap-t of the second -83.8.
  it.each([
    ['six of ten tasks at 0: the t interval is cut', ZERO_INFLATED, { clamped: true, boot: false }],
    ['two failures beside a tight cluster: the bootstrap-t is cut', TWO_FAILURES, { clamped: false, boot: true }],
  ])('%s; no printed bound is below 0', (_name, values, cut) => {
    const interval = computeEfficiencyInterval(values, 0.95, 'zeros');
    expect(interval.low).toBeGreaterThanOrEqual(0);
    expect(interval.bootstrap_t?.low).toBeGreaterThanOrEqual(0);
    expect(interval.bootstrap_t?.high).toBeGreaterThan(0);
    expect({ clamped: interval.clamped, boot: interval.bootstrap_t?.clamped }).toEqual(cut);
  });

  it('cuts the t interval at 0 only where it reached below; ci_width is of the interval as printed', () => {
    const cut = computeEfficiencyInterval(ZERO_INFLATED, 0.95, 'zeros');
    // t interval: mean 6.6, SD 10.0796825, t(0.975, 9) = 2.2621572: [-0.6105705, 13.8105705] (SciPy stats.t).
    expect(cut).toMatchObject({ mean: 6.6, low: 0, clamped: true });
    expect(cut.high).toBeCloseTo(13.8105705, 6);
    expect(cut.ci_width).toBeCloseTo(13.8105705 / 6.6, 6);
    expect(computeEfficiencyInterval(SKEWED_TEN, 0.95, 'seed-a')).toMatchObject({ clamped: false });
  });

  it('keeps the t interval and flags it below 30 values with the measured coverage and a bootstrap-t beside it', () => {
    const interval = computeEfficiencyInterval(SKEWED_TEN, 0.95, 'seed-a');
    // t interval of these values: mean 2.265, 95% CI [0.42953, 4.10047] (SciPy 1.17 stats.t).
    expect(interval.mean).toBeCloseTo(2.265, 12);
    expect(interval.low).toBeCloseTo(0.4295328635200504, 12);
    expect(interval.high).toBeCloseTo(4.100467136479949, 12);
    expect(interval.small_sample_warning).toBe(
      'n = 10 < 30: on skewed data the 95% t interval of 10 values covered the true mean in 83.6% (lognormal) and 90.5% (exponential) of simulated samples, the studentized bootstrap in 90.6% and 94.2%',
    );
    // The long right tail stretches the bootstrap-t upward, past the t interval's upper bound.
    expect(interval.bootstrap_t?.high).toBeGreaterThan(interval.high as number);
    expect(computeEfficiencyInterval(SKEWED_TEN, 0.95, 'seed-a').bootstrap_t).toEqual(interval.bootstrap_t);
  });

  it('warns without a bootstrap-t at 3 and 4 values, and not at all from 30', () => {
    expect(computeEfficiencyInterval([1, 2, 4]).small_sample_warning).toBe(
      'n = 3 < 30: on skewed data the 95% t interval of 3 values covered the true mean in 83.9% (lognormal) and 88.2% (exponential) of simulated samples; no bootstrap-t below 5 values',
    );
    // 7 values use the row measured at 5 (coverage grows with n from there, so the lower figure is kept).
    expect(computeEfficiencyInterval([1, 2, 4, 1, 3, 8, 2]).small_sample_warning).toMatch(
      /^n = 7 < 30: .* of 5 values covered the true mean in 82\.3% .* 87\.9% .* in 89\.7% and 92\.8%$/,
    );
    expect(computeEfficiencyInterval([1, 2, 4]).bootstrap_t).toBeNull();
    const thirty = computeEfficiencyInterval(Array.from({ length: 30 }, (_, i) => 1 + (i % 7)));
    expect(thirty).toMatchObject({ small_sample_warning: null, bootstrap_t: null, na: null });
  });

  it('says n/a with the reason for no variation and NaN, and neither warns nor bootstraps then', () => {
    expect(computeEfficiencyInterval([0.5, 0.5, 0.5, 0.5, 0.5])).toMatchObject({
      mean: 0.5,
      low: null,
      ci_width: null,
      small_sample_warning: null,
      na: 'no variation: all 5 values are equal (SD 0), so an interval would have zero width',
    });
    expect(computeEfficiencyInterval([1, Number.NaN, 2])).toMatchObject({ mean: null, low: null, na: 'value 2 of 3 is NaN' });
  });
});
