// A power estimate is simulated once per input: asked again, the same answer; any input changed, a new simulation.
import { describe, expect, it } from 'vitest';
import type { PowerEstimate } from './estimate-ratio-power.js';
import { rememberPower } from './remember-power.js';
import { simulateRatioPower } from './simulate-ratio-power.js';

function countingSimulation(power: number): { calls: number; simulate: () => PowerEstimate } {
  const counter = {
    calls: 0,
    simulate: () => {
      counter.calls += 1;
      return { power, outcomes: { 'a-ahead': power } } as unknown as PowerEstimate;
    },
  };
  return counter;
}

describe('rememberPower', () => {
  it('simulates a key once, and hands out copies a caller cannot change the kept estimate through', () => {
    const counter = countingSimulation(0.5);
    const first = rememberPower('remember-power.test:a', counter.simulate);
    first.outcomes['a-ahead'] = 99;
    const second = rememberPower('remember-power.test:a', counter.simulate);
    expect(counter.calls).toBe(1);
    expect(second.outcomes['a-ahead']).toBe(0.5);
  });

  it('never keeps what has no key', () => {
    const counter = countingSimulation(0.25);
    rememberPower(null, counter.simulate);
    rememberPower(null, counter.simulate);
    expect(counter.calls).toBe(2);
  });
});

describe('simulateRatioPower through the kept estimates', () => {
  const request = {
    alpha: 0.05,
    providers: 2,
    minEffect: 0.2,
    enabled: true,
    calibrationSe: 0,
    ratio: 1.5,
    tasks: 60,
    runs: 100,
    seed: 7,
  };
  const observed = Array.from({ length: 8 }, (_, i) => ({ qA: i % 3 ? 1 : 0, cA: 1 + (i % 4), qB: i % 2, cB: 1 + (i % 3) }));

  it('gives the same figures asked twice', () => {
    expect(simulateRatioPower({ ...request, observed })).toEqual(simulateRatioPower({ ...request, observed }));
  });

  it('tells designs apart by the observed tasks: other failures, another power (0.5 and 0.33 here)', () => {
    const base = simulateRatioPower({ ...request, observed });
    const other = simulateRatioPower({ ...request, observed: observed.map((t) => ({ ...t, qA: 1, cA: t.cA * (1 + (t.qB % 2) * 4) })) });
    expect(other.power).not.toBe(base.power);
    expect(simulateRatioPower({ ...request, observed })).toEqual(base);
  });
});
