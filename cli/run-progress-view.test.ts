// The run's arm lines: capacity in the unit the provider is metered in.
import { describe, expect, it } from 'vitest';
import type { ArmResult } from '../runner/index.js';
import { describeResult } from './run-progress-view.js';

const arm = (extra: Partial<ArmResult>): ArmResult =>
  ({
    arm_index: 0,
    period: 1,
    task_id: 'token-bucket',
    provider: 'api',
    outcome: 'success',
    quality: 1,
    tokens: 3614,
    duration_ms: 500,
    capacity_delta: 2,
    ...extra,
  }) as ArmResult;

describe('describeResult', () => {
  it('prints a token-metered delta as tokens, never as a percent', () => {
    expect(describeResult(arm({ capacity_delta: 3614, capacity_unit: 'tokens' }))).toContain('delta 3,614 tokens');
    expect(describeResult(arm({ capacity_delta: 1.83, capacity_unit: 'pct_5h' }))).toContain('delta 1.83%');
  });
});
