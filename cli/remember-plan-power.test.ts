// A plan's power is simulated once per request and build, and a kept file that is not this key's figures is never read.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RatioPowerInput, RatioPowerPlan } from '../reports/index.js';
import { rememberPlanPower } from './remember-plan-power.js';

const input = {
  pair: ['sim-claude', 'sim-glm'],
  tasks: [],
  alpha: 0.05,
  providers: 2,
  minEffect: 0.2,
  enabled: true,
  budget: null,
  planned: 10,
  calibrationSe: 0,
  runs: 400,
  seed: 'plan-power',
  promised: null,
} as RatioPowerInput;

function countSimulations(power: number): { simulate: () => RatioPowerPlan; count: () => number } {
  let made = 0;
  const simulate = () => {
    made += 1;
    return { power_planned: power, tasks_for_power: 619, detectable_ratio: 2.04, model: 'assumed', notes: [] } as unknown as RatioPowerPlan;
  };
  return { simulate, count: () => made };
}

describe('rememberPlanPower', () => {
  it('simulates a request once per build, and again for another request or another build', () => {
    const folder = { path: mkdtempSync(join(tmpdir(), 'power-cache-')), build: 'build-1' };
    const first = countSimulations(0.42);
    expect(rememberPlanPower(input, first.simulate, folder).power_planned).toBe(0.42);
    expect(rememberPlanPower(input, first.simulate, folder).power_planned).toBe(0.42);
    expect(first.count()).toBe(1);
    const other = countSimulations(0.5);
    expect(rememberPlanPower({ ...input, planned: 11 }, other.simulate, folder).power_planned).toBe(0.5);
    expect(rememberPlanPower(input, other.simulate, { ...folder, build: 'build-2' }).power_planned).toBe(0.5);
    expect(other.count()).toBe(2);
  });

  it('simulates again over a file that does not read back as the figures, and replaces it', () => {
    const folder = { path: mkdtempSync(join(tmpdir(), 'power-cache-')), build: 'build-1' };
    rememberPlanPower(input, countSimulations(0.42).simulate, folder);
    const [file] = readdirSync(folder.path);
    writeFileSync(join(folder.path, file as string), '{"key": "elsewhere", "figures": {"power_planned": 0.99}}');
    const again = countSimulations(0.42);
    expect(rememberPlanPower(input, again.simulate, folder).power_planned).toBe(0.42);
    expect(rememberPlanPower(input, again.simulate, folder).power_planned).toBe(0.42);
    expect(again.count()).toBe(1);
  });

  it('gives the figures when the folder cannot be written, and simulates every time without one', () => {
    // Under a file, not a folder: no folder can be made there, even as root (a mode would not stop root).
    const blocker = join(mkdtempSync(join(tmpdir(), 'power-cache-')), 'a-file');
    writeFileSync(blocker, '');
    const unwritable = countSimulations(0.3);
    expect(rememberPlanPower(input, unwritable.simulate, { path: join(blocker, 'inner'), build: 'b' }).power_planned).toBe(0.3);
    expect(unwritable.count()).toBe(1);
    const none = countSimulations(0.3);
    rememberPlanPower(input, none.simulate, null);
    rememberPlanPower(input, none.simulate, null);
    expect(none.count()).toBe(2);
  });
});
