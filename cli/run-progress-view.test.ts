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

  it('names an arm its provider refused `refused` and one that could not run `infra-failure`, never `fail`', () => {
    const refused = describeResult(
      arm({ outcome: 'fail', quality: 0, provider_refusal: "the provider refused all 4 of the agent's request(s)" }),
    );
    expect(refused).toMatch(/ api {10}refused {9}quality 0\.00 /);
    expect(describeResult(arm({ outcome: 'fail', quality: 0, infra_failure: 'the agent could not be started' }))).toContain(
      ' infra-failure   quality',
    );
    expect(describeResult(arm({ outcome: 'fail', quality: 0, infra_failure: null, provider_refusal: null }))).toContain(
      ' fail            quality',
    );
  });
});
