// Outcome mapping of an arm: agent ending first, then test quality.
import { describe, expect, it } from 'vitest';
import { decideArmOutcome } from './decide-arm-outcome.js';

describe('decideArmOutcome', () => {
  it.each([
    ['success', 1, 'success'],
    ['success', 0.5, 'partial'],
    ['success', 0, 'fail'],
    ['fail', 1, 'success'],
    ['fail', 0, 'fail'],
    ['timed-out', 1, 'timed-out'],
    ['budget-exceeded', 0.4, 'budget-exceeded'],
    ['crashed', 0, 'crashed'],
  ] as const)('agent %s with quality %s is %s', (agent, quality, outcome) => {
    expect(decideArmOutcome(agent, quality)).toBe(outcome);
  });
});
