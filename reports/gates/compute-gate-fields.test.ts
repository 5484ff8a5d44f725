import { describe, expect, it } from 'vitest';
import type { ProviderSummary } from '../../ledger/index.js';
import { computePower } from '../stats/power.js';
import { addGateFields, chooseBaseline } from './compute-gate-fields.js';

const summary = (provider: string, mean: number, sd: number, n: number, quality: number): ProviderSummary => ({
  provider,
  unit: 'pct_5h',
  windows: n,
  n,
  mean_efficiency: mean,
  ci_low: null,
  ci_high: null,
  ci_width: null,
  sd_efficiency: sd,
  mean_quality: quality,
});

describe('addGateFields', () => {
  it('chooses claude as the baseline when present, else the provider with the most windows', () => {
    expect(chooseBaseline([summary('codex', 1, 1, 9, 1), summary('claude', 1, 1, 2, 1)])).toBe('claude');
    expect(chooseBaseline([summary('codex', 1, 1, 9, 1), summary('glm', 1, 1, 12, 1)])).toBe('glm');
    expect(chooseBaseline([summary('codex', 1, 1, 9, 1)], 'glm')).toBe('glm');
  });

  it('adds quality against the baseline and the two-sample power for a 20% difference', () => {
    const { providers, gate_basis } = addGateFields([summary('claude', 0.1, 0.02, 10, 0.9), summary('codex', 0.08, 0.02, 8, 0.72)]);
    expect(gate_basis).toEqual({ baseline: 'claude', min_effect: 0.2, alpha: 0.05 });
    expect(providers[1]?.quality_ratio).toBeCloseTo(0.8, 12);
    const expected = computePower({ design: 'two-sample', effect: (0.2 * 0.1) / 0.02, n: 8, alpha: 0.05 }).power;
    expect(providers[1]?.power).toBeCloseTo(expected, 12);
    expect(providers[0]?.power).toBeCloseTo(expected, 12);
    expect(providers[0]?.quality_ratio).toBe(1);
  });

  it('leaves power null below two samples on a side', () => {
    const { providers } = addGateFields([
      summary('claude', 0.1, 0.02, 10, 0.9),
      { ...summary('codex', 0.08, 0, 1, 0.7), sd_efficiency: null },
    ]);
    expect(providers[1]?.power).toBeNull();
  });
});
