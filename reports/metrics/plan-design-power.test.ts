// Planning power: task means as the unit, epochs shrinking only the within-task part, the warning and what reaches 0.8.
import { describe, expect, it } from 'vitest';
import { computePower } from '../stats/power.js';
import type { PairedComparison } from './analyze-pairs.js';
import { planDesignPower, type PlanningVariance } from './plan-design-power.js';
import { planSampleSize } from './plan-sample-size.js';

function variance(between: number, within: number | null): PlanningVariance {
  return { source: 'earlier-windows', between, within, reference_mean: 1, description: 'test', windows: 0, tasks: [], providers: [] };
}
const base = { providers: 2, alpha: 0.05, minEffect: 0.2 };

describe('planDesignPower', () => {
  it('uses d = relevant share gap r / (2 + r) / sqrt(sigma_b^2 + sigma_w^2 / K) on n = tasks', () => {
    const result = planDesignPower({ ...base, tasks: 10, epochs: 4, variance: variance(0.01, 0.04) });
    const sd = Math.sqrt(0.01 + 0.04 / 4);
    expect(result.sd_task_mean).toBeCloseTo(sd, 14);
    expect(result.relevant_difference).toBeCloseTo(0.2 / 2.2, 14);
    expect(result.power).toBeCloseTo(computePower({ design: 'crossover', effect: 0.2 / 2.2 / sd, n: 10, alpha: 0.05 }).power, 14);
  });

  it('with k providers tests each pair at alpha / (k(k-1)/2), the level the primary analysis needs', () => {
    const four = planDesignPower({ ...base, providers: 4, tasks: 40, epochs: 1, variance: variance(0.01, 0.01) });
    const sd = Math.sqrt(0.02);
    expect(four.alpha).toBeCloseTo(0.05 / 6, 15);
    expect(four.power).toBeCloseTo(computePower({ design: 'crossover', effect: 0.2 / 2.2 / sd, n: 40, alpha: 0.05 / 6 }).power, 14);
    expect(four.power as number).toBeLessThan(
      planDesignPower({ ...base, tasks: 40, epochs: 1, variance: variance(0.01, 0.01) }).power as number,
    );
  });

  it('warns with the tasks needed, and names the epochs that reach 0.8 when the within part dominates', () => {
    const result = planDesignPower({ ...base, tasks: 12, epochs: 1, variance: variance(0.0004, 0.02) });
    expect(result.underpowered).toBe(true);
    expect(result.warning).toMatch(/^WARNING: 12 tasks x 1 epoch has power 0\.\d\d \(below 0\.8\)/);
    expect(result.tasks_needed).toBeGreaterThan(12);
    const k = result.epochs_needed as number;
    expect(k).toBeGreaterThan(1);
    expect(planDesignPower({ ...base, tasks: 12, epochs: k, variance: variance(0.0004, 0.02) }).power).toBeGreaterThanOrEqual(0.8);
    expect(planDesignPower({ ...base, tasks: 12, epochs: k - 1, variance: variance(0.0004, 0.02) }).power).toBeLessThan(0.8);
    expect(result.warning).toContain(`${k} epochs (on these 12 tasks) would reach it too`);
  });

  it('says no number of epochs reaches 0.8 when the between-task variance dominates', () => {
    const result = planDesignPower({ ...base, tasks: 10, epochs: 3, variance: variance(0.1, 0.01) });
    expect(result.epochs_needed).toBeNull();
    expect(result.power_epochs_unbounded).toBeLessThan(0.8);
    expect(result.warning).toMatch(/No number of epochs reaches it \(up to 20\): .*the between-task variance alone keeps it below 0\.8/);
  });

  it('does not warn when the bank is large enough, and the tasks it names do reach the target', () => {
    const small = planDesignPower({ ...base, tasks: 10, epochs: 1, variance: variance(0.02, 0.02) });
    // Crossover sizes are even (half AB, half BA), so the next smaller design has 2 tasks fewer.
    const needed = small.tasks_needed as number;
    const enough = planDesignPower({ ...base, tasks: needed, epochs: 1, variance: variance(0.02, 0.02) });
    expect(enough.underpowered).toBe(false);
    expect(enough.warning).toBeNull();
    expect(planDesignPower({ ...base, tasks: needed - 2, epochs: 1, variance: variance(0.02, 0.02) }).underpowered).toBe(true);
  });

  it('does not promise anything from epochs when the split is unknown (one run per task before)', () => {
    const result = planDesignPower({ ...base, tasks: 10, epochs: 5, variance: variance(0.05, null) });
    expect(result.sd_task_mean).toBeCloseTo(Math.sqrt(0.05), 14);
    expect(result.epochs_needed).toBeNull();
    expect(result.warning).toContain('Whether more epochs help is unknown');
  });

  it('agrees count and noun in the warning: one task is "1 task", not "1 tasks"', () => {
    const result = planDesignPower({ ...base, tasks: 1, epochs: 1, variance: variance(0.05, 0.05) });
    expect(result.warning).toMatch(/^WARNING: 1 task x 1 epoch has no test at all/);
    expect(result.notes).toContain('1 task: the AB/BA test needs at least 3');
  });
});

describe('power when d is no finite number > 0 (issue 32, item 13)', () => {
  it('is n/a with the reason when the variance of the earlier windows is past the double range', () => {
    // Efficiencies near 1e299 (bar deltas near 1e-300): their variance overflows to Infinity, so d = relevant / inf = 0.
    // Before: computePower threw "expected a standardized effect d > 0, got 0" out of the plan.
    const result = planDesignPower({
      ...base,
      tasks: 10,
      epochs: 1,
      variance: { ...variance(Number.POSITIVE_INFINITY, null), reference_mean: 1e299 },
    });
    expect(result.power).toBeNull();
    expect(result.tasks_needed).toBeNull();
    expect(result.notes[0]).toBe(
      'power n/a: the SD of the A - B differences is Infinity: the values are too large to square in double precision',
    );
    expect(result.warning).toMatch(/has no test at all/);
  });

  it('is n/a with the reason when the SD is past the double range or 0', () => {
    // A share gap is bounded, so only a broken variance gets here; it must still never reach computePower as d = 0.
    const huge = planDesignPower({ ...base, tasks: 10, epochs: 1, variance: variance(Number.POSITIVE_INFINITY, null) });
    expect(huge.power).toBeNull();
    expect(huge.notes[0]).toMatch(/^power n\/a: the SD of the A - B differences is Infinity/);
    const flat = planDesignPower({ ...base, tasks: 10, epochs: 1, variance: variance(0, null) });
    expect(flat.power).toBeNull();
    expect(flat.notes[0]).toMatch(/^power n\/a: the SD of the A - B differences is 0/);
  });
});

describe('planSampleSize when d is no finite number > 0', () => {
  it('says why each line is n/a instead of passing d = 0 on', () => {
    const comparison = {
      a: 'claude',
      b: 'codex',
      pairs: [{ a: { efficiency: 1e299 }, b: { efficiency: 2e299 } }],
      paired: { mean: 1e299, sd: Number.POSITIVE_INFINITY },
      crossover: null,
    } as unknown as PairedComparison;
    // Before: both lines were null with the computeSampleSize message "expected a standardized effect d > 0, got 0".
    const plan = planSampleSize(comparison, { alpha: 0.05, minEffect: 0.2 });
    expect(plan.relevant).toBeNull();
    expect(plan.notes).toEqual([
      'relevant effect: n/a, the SD of the A - B differences is Infinity: the values are too large to square in double precision',
      'observed effect: n/a, the SD of the A - B differences is Infinity: the values are too large to square in double precision',
    ]);
  });
});
