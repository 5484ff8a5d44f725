// A plan's price from every reading beside its windows' own: disagreement only beyond both intervals, with the reason.
import { describe, expect, it } from 'vitest';
import type { BarCalibration } from './calibrate-bars.js';
import type { ProviderCalibration } from './calibrate-provider.js';
import { comparePriceSources } from './compare-price-sources.js';

function priced(madeOf: 'windows' | 'readings', estimate: number, low: number, high: number, step: number): ProviderCalibration {
  const bar = { step } as BarCalibration;
  return {
    provider: 'codex-chatgpt',
    plan: 'chatgpt-pro',
    usd_per_month: 200,
    five_hour: bar,
    weekly: bar,
    usd_per_list_usd: { estimate, low, high, binding: 'weekly', log_se: 0.1 },
    unknown_reason: '',
    made_of: madeOf,
  };
}

describe('comparePriceSources', () => {
  it('says nothing when the intervals overlap', () => {
    const [entry] = comparePriceSources([priced('readings', 2.8, 2.7, 2.9, 0.01)], [priced('windows', 2.0, 0.5, 8, 1)]);
    expect(entry?.disagreement).toBeNull();
  });

  it("names the windows' coarser captures when the windows alone disagree beyond both intervals", () => {
    const [entry] = comparePriceSources([priced('readings', 2.8, 2.7, 2.9, 0.01)], [priced('windows', 1.2, 0.9, 1.5, 1)]);
    expect(entry?.disagreement).toMatch(
      /^codex-chatgpt: every reading prices it at 2\.800 \[2\.70, 2\.90\] \$ of subscription per list \$, its windows alone at 1\.200 \[0\.900, 1\.50\]: they disagree beyond their intervals; its windows' captures read the bars in steps of 1% where other readings read 0\.01%/,
    );
  });

  it('blames no rounding that cannot span the gap: a bar moved 10% in one run of whole-percent readings is off by 10% at most', () => {
    // A failover run measured by a reviewer: every reading priced the plain arm 2.3x its windows, the portfolio's use on its account uncounted.
    const windows = { ...priced('windows', 247.3, 227.5, 267.1, 1), weekly: { step: 1, moved: 10, chains: 1 } as BarCalibration };
    const [entry] = comparePriceSources([priced('readings', 574.6, 574.4, 574.9, 0.01)], [windows]);
    expect(entry?.disagreement).not.toContain('rounding');
    expect(entry?.disagreement).toContain('an arm recorded under another name');
    // A gap the rounding could span is still put down to it.
    const [near] = comparePriceSources([priced('readings', 270, 269, 271, 0.01)], [windows]);
    expect(near?.disagreement).toContain("so the windows' rounding is wider than their interval shows");
  });

  it('names use the readings cannot see when readings of the same resolution price it higher', () => {
    const [entry] = comparePriceSources([priced('readings', 3.5, 3.3, 3.7, 0.01)], [priced('windows', 2.0, 1.9, 2.1, 0.01)]);
    expect(entry?.disagreement).toContain('the bars moved more between the readings than the use recorded there explains');
  });
});
