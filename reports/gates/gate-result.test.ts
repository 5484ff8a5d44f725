import { describe, expect, it } from 'vitest';
import { checkAtLeast, checkAtMost, combineChecks, describeFailedChecks } from './gate-result.js';

describe('threshold checks', () => {
  it('pass exactly at the threshold and fail just past it', () => {
    expect(checkAtLeast('power', 0.8, 0.8).pass).toBe(true);
    expect(checkAtLeast('power', 0.7999, 0.8).pass).toBe(false);
    expect(checkAtMost('ci_width', 0.3, 0.3).pass).toBe(true);
    expect(checkAtMost('ci_width', 0.3001, 0.3).pass).toBe(false);
  });

  it('treat a value equal to the threshold on paper as equal despite float rounding', () => {
    expect(checkAtLeast('quality', 0.56 / 0.7, 0.8).pass).toBe(true);
    expect(checkAtMost('error rate', 0.1 + 0.2, 0.3).pass).toBe(true);
  });

  it('cannot decide an unknown value', () => {
    expect(checkAtLeast('power', null, 0.8).pass).toBeNull();
    expect(combineChecks([checkAtLeast('a', 1, 0), checkAtLeast('b', null, 0)])).toBe('not-evaluable');
    expect(combineChecks([checkAtLeast('a', -1, 0), checkAtLeast('b', null, 0)])).toBe('fail');
    expect(combineChecks([checkAtLeast('a', 1, 0)])).toBe('pass');
  });

  it('describes failures with their numbers', () => {
    expect(describeFailedChecks([checkAtMost('ci_width', 0.35, 0.3), checkAtLeast('power', null, 0.8), checkAtLeast('n', 5, 3)])).toBe(
      'ci_width=0.35 > 0.3, power unknown',
    );
  });
});
