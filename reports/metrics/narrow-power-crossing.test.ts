// The crossing search: stays inside its bracket, ends narrow, and needs fewer estimates than halving on power-shaped curves.
import { describe, expect, it } from 'vitest';
import { computeNormalUpperTail } from '../stats/normal-tail.js';
import { narrowPowerCrossing, projectTasks, type CrossingSearch, type PowerPoint } from './narrow-power-crossing.js';

const tasksSearch: CrossingSearch = {
  target: 0.8,
  toScale: Math.sqrt,
  fromScale: (s) => s * s,
  snap: Math.round,
  width: (high) => Math.max(1, Math.floor(high * 0.02)),
};

/** A z test's power in N, Phi(c sqrt(N) - z), read as a share of `runs` runs (rounded as a simulation's share is). */
function zTestPower(c: number, z: number, runs = 400): (x: number) => PowerPoint {
  return (x) => ({ x, power: Math.round(computeNormalUpperTail(z - c * Math.sqrt(x)) * runs) / runs, runs });
}

function search(power: (x: number) => PowerPoint, short: number, reached: number, settings = tasksSearch) {
  const tried: number[] = [];
  const estimate = (x: number) => {
    tried.push(x);
    return power(x);
  };
  const found = narrowPowerCrossing({ short: power(short), reached: power(reached) }, estimate, settings);
  return { ...found, tried };
}

describe('narrowPowerCrossing', () => {
  it('ends on a narrow bracket around the crossing, every try inside the last bracket', () => {
    for (const c of [0.07, 0.1, 0.2, 0.4]) {
      const power = zTestPower(c, 2.8);
      const found = search(power, 10, 5000);
      expect(found.short.power).toBeLessThan(0.8);
      expect(found.reached.power).toBeGreaterThanOrEqual(0.8);
      expect(found.reached.x - found.short.x).toBeLessThanOrEqual(Math.max(1, Math.floor(found.reached.x * 0.02)));
      for (const x of found.tried) expect(x > 10 && x < 5000).toBe(true);
    }
  });

  it('needs fewer estimates than halving the bracket, which took 6 or 7 of them', () => {
    for (const c of [0.15, 0.2, 0.3]) {
      const found = search(zTestPower(c, 2.8), 96, 768);
      // Halving [96, 768] to 2% of the crossing (6 to 12 tasks) takes 6 or 7 steps; here 2 or 3 (measured).
      expect(found.tried.length).toBeLessThanOrEqual(3);
    }
  });

  it('keeps narrowing where one end would never move (Illinois): a crossing hard against the bracket', () => {
    // The power jumps from 0.1 to 0.9 just above 900: regula falsi alone would creep up from the low end.
    const step = (x: number): PowerPoint => ({ x, power: x >= 901 ? 0.9 : 0.1 + x / 100_000, runs: 400 });
    const found = search(step, 3, 1000);
    expect(found.short.x).toBeLessThan(901);
    expect(found.reached.x).toBeGreaterThanOrEqual(901);
    expect(found.reached.x - found.short.x).toBeLessThanOrEqual(Math.floor(found.reached.x * 0.02));
    expect(found.tried.length).toBeLessThan(20);
  });

  it('finds a ratio to 0.5% on ln R, from ratio 1 to 20x', () => {
    const ratioSearch: CrossingSearch = {
      ...tasksSearch,
      toScale: (x) => x,
      fromScale: (s) => s,
      snap: (x) => x,
      width: () => 0.005,
    };
    const power = (x: number): PowerPoint => ({ x, power: computeNormalUpperTail(2.5 - x / 0.15), runs: 400 });
    const found = search(power, 0, Math.log(20), ratioSearch);
    // Phi(ln R / 0.15 - 2.5) = 0.8 at ln R = 0.15 (2.5 + 0.8416).
    expect(found.reached.x).toBeGreaterThanOrEqual(0.15 * (2.5 + 0.8416));
    expect(found.reached.x - 0.15 * (2.5 + 0.8416)).toBeLessThanOrEqual(0.005);
    // Halving ln 20 to 0.005 takes 10 steps; the power's clamp near 20x (a share of 1) bends the line, so 7 here.
    expect(found.tried.length).toBeLessThanOrEqual(7);
  });
});

describe('projectTasks', () => {
  it('jumps just past where two powers place the target, doubles while a power says little, and never leaps far', () => {
    const power = zTestPower(0.15, 2.8);
    // Phi(0.15 sqrt(N) - 2.8) = 0.8 at N = 589: from 96 and 192, one jump lands 5% past it.
    const next = projectTasks(power(96), power(192), 0.8);
    expect(next).toBeGreaterThanOrEqual(589);
    expect(next).toBeLessThan(1.1 * 589);
    expect(projectTasks(null, power(192), 0.8)).toBe(384);
    expect(projectTasks({ x: 12, power: 0.01, runs: 400 }, power(24), 0.8)).toBe(48);
    // A slope from two nearly equal powers would point past 5,000: at most 8 times the last N.
    expect(projectTasks({ x: 48, power: 0.1, runs: 400 }, { x: 96, power: 0.1025, runs: 400 }, 0.8)).toBe(768);
  });
});
