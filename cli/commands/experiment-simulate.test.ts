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
  it('records one experiment with --write and leaves the decision to experiment report', async () => {
    const dataDir = createDataDir();
    const out = await runSimulate(['--seed', '9', '--effect', '1', '--tasks', '8', '--write', '--data-dir', dataDir]);
    expect(out).toMatch(/^Wrote plan sim-9: 16 windows of sim-a and sim-b/);
    expect(out).toMatch(/`experiment report` decides it$/m);
    expect(readWindows(dataDir)).toHaveLength(16);
  });

  it('names the flag of a bad value, a missing seed, and a missing mode', async () => {
    const dataDir = createDataDir();
    await expect(runSimulate(['--seed', '1', '--write', '--effect', 'big', '--data-dir', dataDir])).rejects.toMatchObject({
      where: '--effect',
      message: 'expected a number from -10 to 10, got "big"',
    });
    await expect(runSimulate(['--seed', '1', '--write', '--tasks', '2.5', '--data-dir', dataDir])).rejects.toMatchObject({
      where: '--tasks',
    });
    await expect(runSimulate(['--seed', '1', '--write', '--tasks', '100', '--data-dir', dataDir])).rejects.toMatchObject({
      where: '--tasks',
    });
    await expect(runSimulate(['--write', '--data-dir', dataDir])).rejects.toMatchObject({ where: '--seed' });
    await expect(runSimulate(['--seed', '1'])).rejects.toMatchObject({
      where: '--shape',
      message: expect.stringMatching(/^expected --shape NAME \(ties, both-fail, .*\) or --write$/),
    });
    expect(readWindows(dataDir)).toHaveLength(0);
  });

  it('--shape: a cell of the decision on a named shape, its truth, false claims and power with Monte Carlo intervals', async () => {
    const args = ['--shape', 'cheap-fails-often', '--providers', '3', '--tasks', '20', '--runs', '40', '--seed', '5'];
    const text = await runSimulate(args);
    expect(text).toMatch(
      /^Simulated 40 experiments \(seed 5\) of shape cheap-fails-often: 3 providers in Williams order, 20 planned tasks\.$/m,
    );
    expect(text).toMatch(/^True work per dollar \(each arm capped at its budget; .*\): A (0\.\d+), B \1, C \1: no provider is ahead/m);
    expect(text).toMatch(/^Task budgets: each provider's arms stopped at 5x its passed arm's mean cost/m);
    expect(text).toMatch(/^names a provider ahead that is not \(any pair\) +\d+\.\d% \[\d+\.\d, \d+\.\d\]$/m);
    expect(text).toMatch(/^False claims \d+\.\d% against alpha 5\.0% .*: (within|EXCEEDS) alpha \+ 3 Monte Carlo SE/m);
    const cell = JSON.parse(await runSimulate([...args, '--json'])) as {
      shape: string;
      providers: number;
      runs: number;
      rule: { rule: string; pairs: number; planned_tasks: number };
      budgetMultiple: number;
      falseClaims: { count: number; rate: number; low: number; high: number };
      power: unknown;
    };
    // The plan's betting sequence, each arm capped at 5x its provider's passed arm unless --budget-multiple says otherwise.
    expect(cell).toMatchObject({
      shape: 'cheap-fails-often',
      providers: 3,
      runs: 40,
      rule: { rule: 'betting', pairs: 3, planned_tasks: 20 },
      budgetMultiple: 5,
      power: null,
    });
    expect(cell.falseClaims.low).toBeLessThanOrEqual(cell.falseClaims.rate);
    // Measured: power 0.32 at 30 tasks, 1.0 at 100 (100 runs).
    const ahead = JSON.parse(await runSimulate(['--shape', 'ahead-2', '--tasks', '100', '--runs', '30', '--json'])) as {
      seed: string;
      power: { rate: number };
    };
    expect(ahead.seed).toBe('decision-2026');
    expect(ahead.power.rate).toBeGreaterThan(0.5);
    const fixed = JSON.parse(await runSimulate(['--shape', 'ties', '--tasks', '10', '--runs', '5', '--no-stop-rules', '--json'])) as {
      rule: { rule: string };
      earlyStops: { count: number };
    };
    expect(fixed).toMatchObject({ rule: { rule: 'none' }, earlyStops: { count: 0 } });
  });

  it('--shape: names the flag and the value of a bad shape, count or flag of the other mode', async () => {
    await expect(runSimulate(['--shape', 'gamma'])).rejects.toMatchObject({
      where: '--shape',
      message: expect.stringMatching(/^expected one of ties, both-fail, .*, got "gamma"$/),
    });
    await expect(runSimulate(['--shape', 'ties', '--providers', '5'])).rejects.toMatchObject({
      where: '--providers',
      message: 'expected a whole number from 2 to 4, got "5"',
    });
    await expect(runSimulate(['--shape', 'ties', '--runs', '0'])).rejects.toMatchObject({
      where: '--runs',
      message: expect.stringContaining('"0"'),
    });
    await expect(runSimulate(['--shape', 'ties', '--tasks', 'many'])).rejects.toMatchObject({ where: '--tasks' });
    await expect(runSimulate(['--shape', 'ties', '--effect', '1'])).rejects.toMatchObject({
      where: '--effect',
      message: 'only --write reads it, got "1"',
    });
    await expect(runSimulate(['--shape', 'ties', '--write', '--seed', '1', '--data-dir', createDataDir()])).rejects.toMatchObject({
      where: '--shape',
    });
    await expect(runSimulate(['--write', '--runs', '5', '--seed', '1', '--data-dir', createDataDir()])).rejects.toMatchObject({
      where: '--runs',
      message: expect.stringContaining('"5"'),
    });
    await expect(runSimulate(['--write', '--no-stop-rules', '--seed', '1', '--data-dir', createDataDir()])).rejects.toMatchObject({
      where: '--no-stop-rules',
    });
    await expect(runSimulate(['--effect', '1'])).rejects.toMatchObject({ where: '--effect' });
  });
});
