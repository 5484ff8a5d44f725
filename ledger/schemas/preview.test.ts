import { describe, expect, it } from 'vitest';
import { PreviewRowSchema } from './preview.js';

const stamp = {
  id: 'p1',
  kind: 'preview',
  ts: '2026-11-21T10:00:00Z',
  schema_version: 1,
  tool_version: '0.1.0',
  source: 'manual',
  agent_id: 'main',
};
const summary = { provider: 'claude', unit: 'pct_5h', windows: 3, n: 3, mean_efficiency: 0.1, ci_low: 0, ci_high: 0.2, ci_width: 2 };

describe('PreviewRowSchema', () => {
  it('still reads rows recorded before the unit, the baseline and the pair power', () => {
    const old = {
      ...stamp,
      providers: [{ ...summary, power: 0.9, quality_ratio: 1 }],
      anomalies: 0,
      gate_basis: { baseline: 'claude', min_effect: 0.2, alpha: 0.05 },
    };
    expect(PreviewRowSchema.parse(old)).toEqual(old);
  });

  it('reads the unit, baseline and per provider the pair power', () => {
    const pair_power = { n_tasks: 4, sd_gap: 0.3, gap: 0.0909, alpha_adjusted: 0.05, power: 0.2, na: null };
    const row = {
      ...stamp,
      providers: [
        { ...summary, unit: 'usd', power: 0.2, pair_power },
        { ...summary, provider: 'codex', pair_power: null },
      ],
      anomalies: 0,
      plan_id: 'plan-1',
      unit: 'usd',
      unit_reason: null,
      baseline: 'codex',
      baseline_source: 'plan-reference',
      gate_basis: { baseline: 'codex', min_effect: 0.2, alpha: 0.05, pairs: 1 },
    };
    expect(PreviewRowSchema.parse(row)).toEqual(row);
    expect(() => PreviewRowSchema.parse({ ...row, unit: 'pct' })).toThrow();
  });
});
