// Tests of `experiment simulate`: flag checks, and --write producing ledger rows a report can read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnomalyRowSchema, LEDGER_FILES, scanLedger, WindowRowSchema, type WindowRow } from '../../ledger/index.js';
import { resolveDesign, simulateOneExperiment } from '../../reports/index.js';
import { addGlobalOptions } from '../global-options.js';
import { createSimulateCommand } from './experiment-simulate.js';
import { SIMULATED_EFFICIENCY, writeSimulatedExperiment } from './experiment-simulate-write.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function createDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  dirs.push(dir);
  return dir;
}

function readWindows(dataDir: string): WindowRow[] {
  const rows: WindowRow[] = [];
  scanLedger(dataDir, LEDGER_FILES.windows, (row) => rows.push(WindowRowSchema.parse(row)));
  return rows;
}

async function runSimulate(args: string[]): Promise<string> {
  const program = addGlobalOptions(new Command('experiment')).exitOverride();
  program.addCommand(createSimulateCommand().exitOverride());
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await program.parseAsync(['node', 'experiment', 'simulate', ...args]);
  return out;
}

describe('writeSimulatedExperiment', () => {
  it('writes both windows of every task, with feature, sequence, period and an efficiency matching the simulated value', () => {
    const dataDir = createDataDir();
    const design = resolveDesign({ tasks: 6, effect: 1, anomalyRate: 0 });
    const tasks = simulateOneExperiment(design, 42);
    const written = writeSimulatedExperiment(dataDir, 'main', tasks, design, '42');
    expect(written).toMatchObject({ planId: 'sim-42', windows: 12, anomalies: 0, first: '2026-01-05T09:00:00.000Z' });
    const rows = readWindows(dataDir);
    expect(rows).toHaveLength(12);
    for (const task of tasks) {
      for (const window of task.windows) {
        const provider = window.provider === 'A' ? 'sim-a' : 'sim-b';
        const row = rows.find((candidate) => candidate.feature_id === `sim-task-0${task.index}` && candidate.provider === provider);
        expect(row).toMatchObject({ source: 'runner', sequence: task.sequence, period: window.period, plan_id: 'sim-42', errors: [] });
        const efficiency = (row?.quality_score ?? 0) / (row?.capacity?.delta ?? 1);
        expect(efficiency).toBeCloseTo(SIMULATED_EFFICIENCY.base + SIMULATED_EFFICIENCY.perSd * window.value, 3);
      }
    }
  });

  it('turns a failed capture into a negative-delta window and anomaly, and refuses to write the same plan twice', () => {
    const dataDir = createDataDir();
    const design = resolveDesign({ tasks: 4, effect: 0, anomalyRate: 1 });
    const written = writeSimulatedExperiment(dataDir, 'main', simulateOneExperiment(design, 'x'), design, 'x');
    expect(written.anomalies).toBe(8);
    expect(readWindows(dataDir).every((row) => row.capacity?.delta === null && row.errors.includes('negative-delta'))).toBe(true);
    const codes: string[] = [];
    scanLedger(dataDir, LEDGER_FILES.anomalies, (row) => codes.push(AnomalyRowSchema.parse(row).code));
    expect(codes).toEqual(Array(8).fill('negative-delta'));
    expect(() => writeSimulatedExperiment(dataDir, 'main', simulateOneExperiment(design, 'x'), design, 'x')).toThrow(
      /already holds simulated plan sim-x/,
    );
  });
});

describe('experiment simulate', () => {
  it('prints both sequential rules with Monte Carlo intervals', async () => {
    const out = await runSimulate(['--seed', '5', '--replicates', '200', '--tasks', '10']);
    expect(out).toMatch(/^Simulated 200 AB\/BA crossover experiments \(seed 5\): 10 tasks, normal outcomes, effect 0 SD/);
    expect(out).toMatch(/^betting CS, symmetry \(used\) +\d+\.\d% \[\d+\.\d, \d+\.\d\] +- +\d+\.\d% +\d+\.\d \[\d+\.\d, \d+\.\d\]/m);
    expect(out).toMatch(/^normal-theory CS \(before\) +\d+\.\d% \[/m);
    expect(out).toMatch(/naive peeking t-test/);
    expect(out).toMatch(/^Hypothesis: no difference: A and B share each task's baseline/m);
  });

  it('simulates a chosen distribution and reports the power lost against the normal-theory rule', async () => {
    const out = await runSimulate(['--seed', '5', '--replicates', '100', '--distribution', 'bernoulli', '--effect', '1', '--json']);
    const summary = JSON.parse(out) as {
      design: { distribution: string };
      stopRules: { betting: { method: string; power: { rate: number } }; normalTheory: { power: { rate: number } } };
      powerLost: number;
    };
    expect(summary.design.distribution).toBe('bernoulli');
    expect(summary.stopRules.betting.method).toBe('bounded-mean-betting');
    expect(summary.powerLost).toBeCloseTo(summary.stopRules.normalTheory.power.rate - summary.stopRules.betting.power.rate, 12);
  });

  it('records one experiment with --write and says what the sequential rule did', async () => {
    const dataDir = createDataDir();
    const out = await runSimulate(['--seed', '9', '--effect', '1', '--tasks', '8', '--write', '--data-dir', dataDir]);
    expect(out).toMatch(/^Wrote plan sim-9: 16 windows of sim-a and sim-b/);
    expect(readWindows(dataDir)).toHaveLength(16);
  });

  it('resamples the differences recorded in the data dir: sign flips for the null, as recorded for power', async () => {
    const dataDir = createDataDir();
    await runSimulate(['--seed', 'rec', '--effect', '2', '--tasks', '12', '--write', '--data-dir', dataDir]);
    const out = await runSimulate(['--seed', 'r', '--replicates', '100', '--distribution', 'resample', '--data-dir', dataDir]);
    expect(out).toMatch(/random sign/);
    expect(out).toMatch(
      new RegExp(
        `^Resampled: \\d+ paired tasks of sim-a - sim-b \\(efficiency per capacity unit\\) from ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`,
        'm',
      ),
    );
    const observed = await runSimulate([
      '--seed',
      'r',
      '--replicates',
      '100',
      '--distribution',
      'resample',
      '--effect',
      'observed',
      '--data-dir',
      dataDir,
    ]);
    expect(observed).toMatch(/effect as recorded/);
    expect(observed).toMatch(/^Power lost against the normal-theory rule: -?\d+\.\d points/m);
  });

  it('names the data dir when it has nothing to resample', async () => {
    const dataDir = createDataDir();
    await expect(runSimulate(['--seed', '1', '--distribution', 'resample', '--data-dir', dataDir])).rejects.toMatchObject({
      where: '--distribution',
      message: expect.stringContaining(`with a capacity delta in ${dataDir}, found 0`),
    });
  });

  it('names the flag of a bad value, and the choices of a bad distribution', async () => {
    await expect(runSimulate(['--seed', '1', '--effect', 'big'])).rejects.toMatchObject({
      where: '--effect',
      message: 'expected a number from -10 to 10, got "big"',
    });
    await expect(runSimulate(['--seed', '1', '--tasks', '2.5'])).rejects.toMatchObject({ where: '--tasks' });
    await expect(runSimulate(['--seed', '1', '--distribution', 'gamma'])).rejects.toMatchObject({
      where: '--distribution',
      message: 'expected one of normal, exponential, lognormal, t3, bernoulli, bounded, coarse, resample, got "gamma"',
    });
    await expect(runSimulate(['--seed', '1', '--effect', 'observed'])).rejects.toMatchObject({ where: '--effect' });
    await expect(runSimulate(['--seed', '1', '--distribution', 't3', '--write', '--data-dir', createDataDir()])).rejects.toMatchObject({
      where: '--distribution',
    });
  });

  it('--shape-a/--shape-b: both rules with their estimands, true values and stops naming each side', async () => {
    const args = ['--seed', '5', '--replicates', '50', '--tasks', '30', '--shape-a', 'realistic', '--shape-b', 'normal', '--sd-b', '0.3'];
    const summary = JSON.parse(await runSimulate([...args, '--json'])) as {
      design: { a: { shape: string; mean: number; sd: number; zeroRate: number }; b: { shape: string; sd: number } };
      truth: { shareGap: { value: number; exact: boolean }; meanDifference: { value: number; exact: boolean } };
      rules: { rule: string; namingA: { count: number }; namingB: { count: number }; vsMean: { falseStops: { count: number } | null } }[];
    };
    expect(summary.design.a).toEqual({ shape: 'realistic', mean: 1, sd: 1, zeroRate: 0.3 });
    expect(summary.design.b).toMatchObject({ shape: 'normal', sd: 0.3 });
    expect(summary.truth.meanDifference).toMatchObject({ value: 0, exact: true });
    expect(summary.truth.shareGap.exact).toBe(false);
    expect(summary.rules.map((rule) => rule.rule)).toEqual(['share-gap', 'difference-symmetry']);
    const text = await runSimulate(args);
    expect(text).toMatch(/^share gap, bounded-mean betting \(used\) +-0\.\d{4} ± 0\.\d{4} +\d+\.\d% \[/m);
    expect(text).toMatch(/^difference, symmetry betting \(before\) +0 \(exact\) +\d+\.\d% \[/m);
    expect(text).toMatch(/mean share gap -0\.\d{4} ± 0\.\d{4} \(A's share 0\.\d{3}\)/);
  });

  it('--shape-a/--shape-b: refuses a lone shape, flags of the --distribution mode and a shape that would go below 0', async () => {
    await expect(runSimulate(['--seed', '1', '--shape-a', 'normal'])).rejects.toMatchObject({ where: '--shape-b' });
    await expect(runSimulate(['--seed', '1', '--shape-a', 'normal', '--shape-b', 'gamma'])).rejects.toMatchObject({ where: '--shape-b' });
    await expect(
      runSimulate(['--seed', '1', '--shape-a', 'normal', '--shape-b', 'normal', '--write', '--data-dir', createDataDir()]),
    ).rejects.toMatchObject({ where: '--write' });
    await expect(runSimulate(['--seed', '1', '--shape-a', 'normal', '--shape-b', 'normal', '--futility', '0'])).rejects.toMatchObject({
      where: '--futility',
    });
    await expect(runSimulate(['--seed', '1', '--shape-a', 'exponential', '--shape-b', 'normal', '--sd-a', '2'])).rejects.toMatchObject({
      where: '--shape-a',
      message: expect.stringMatching(/SD <= mean/),
    });
  });
});
