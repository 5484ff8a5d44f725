// `experiment simulate`: a design check of the plan's decision on a named shape (--shape), or --write one simulated experiment into the data dir.
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { DECISION_SHAPES, resolveDesign, simulateOneExperiment } from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import {
  addDecisionOptions,
  DECISION_DEFAULT_SEED,
  DECISION_HELP,
  type DecisionFlags,
  runDecisionSimulation,
} from './experiment-simulate-decision.js';
import { writeSimulatedExperiment } from './experiment-simulate-write.js';

interface SimulateFlags extends DecisionFlags {
  seed?: string;
  effect: string;
  tasks: string;
  alpha: string;
  periodEffect: string;
  anomalyRate: string;
  write?: boolean;
}

/** Flags that only --write reads, and those that only --shape reads: each refused in the other mode, naming it. */
const WRITE_ONLY = [
  ['effect', '--effect'],
  ['periodEffect', '--period-effect'],
  ['anomalyRate', '--anomaly-rate'],
] as const;
const SHAPE_ONLY = [
  ['shape', '--shape'],
  ['providers', '--providers'],
  ['runs', '--runs'],
  ['stopRules', '--no-stop-rules'],
] as const;

/** The `simulate` subcommand of `experiment`. */
export function createSimulateCommand(): Command {
  const command = new Command('simulate')
    .description(
      "--shape: experiments of 2 to 4 providers under a named shape (ties, failures, skewed costs, epochs, period effects...) whose true work per dollar is known, through the plan's decision (every pair's ratio of work per dollar, the betting sequence, each arm stopped at its task budget, the runner's early stop), with the rate of naming a provider that is not ahead, power and tasks used (Monte Carlo intervals); --write records one simulated AB/BA experiment of two providers in the data dir",
    )
    .option(
      '--seed <seed>',
      `seed of the simulation (same seed, same figures); required with --write (default with --shape: ${DECISION_DEFAULT_SEED})`,
    )
    .option('--tasks <n>', 'tasks per experiment (each done once by each provider)', '20')
    .option('--alpha <alpha>', "with --shape: the plan's alpha, spent over its pairs", '0.05')
    .option('--write', 'write ONE simulated experiment into the data dir as providers sim-a and sim-b, for `experiment report`')
    .option('--effect <sd>', "with --write: A's planted effect, in SDs of the per-task paired difference (0: two identical providers)", '0')
    .option('--period-effect <sd>', 'with --write: period 2 minus period 1, in SDs', '0.2')
    .option('--anomaly-rate <p>', "with --write: chance that a window's capture fails with a negative delta", '0.02');
  return addDecisionOptions(command)
    .addHelpText('after', DECISION_HELP)
    .action(function (this: Command, flags: SimulateFlags) {
      const ctx = resolveContext(this);
      if (flags.seed !== undefined && flags.seed.trim() === '')
        throw new AppError('BAD_USAGE', 'expected a non-empty seed, got ""', { where: '--seed' });
      if (!flags.write) {
        refuseFlags(this, WRITE_ONLY, '--write');
        if (flags.shape === undefined)
          throw new AppError('BAD_USAGE', `expected --shape NAME (${DECISION_SHAPES.join(', ')}) or --write`, { where: '--shape' });
        const { result, text } = runDecisionSimulation(flags, parseNumber);
        printResult(ctx.json, result, () => text);
        return;
      }
      refuseFlags(this, SHAPE_ONLY, '--shape');
      if (flags.seed === undefined) throw new AppError('BAD_USAGE', 'expected --seed <seed> with --write', { where: '--seed' });
      const tasks = parseNumber(flags.tasks, '--tasks', { integer: true, min: 2, max: 99 });
      const design = resolveDesign({
        tasks,
        effect: parseNumber(flags.effect, '--effect', { min: -10, max: 10 }),
        periodEffect: parseNumber(flags.periodEffect, '--period-effect', { min: -0.99, max: 0.99 }),
        anomalyRate: parseNumber(flags.anomalyRate, '--anomaly-rate', { min: 0, max: 1 }),
      });
      const written = writeSimulatedExperiment(ctx.dataDir, ctx.agentId, simulateOneExperiment(design, flags.seed), design, flags.seed);
      const result = { dataDir: ctx.dataDir, ...written, design };
      printResult(ctx.json, result, () => renderWrite(result));
    });
}

/** Refuses, naming the first, any of `flags` given on the command line: they belong to the other mode. */
function refuseFlags(command: Command, flags: ReadonlyArray<readonly [string, string]>, mode: string): void {
  for (const [key, flag] of flags) {
    if (command.getOptionValueSource(key) !== 'cli') continue;
    throw new AppError('BAD_USAGE', `only ${mode} reads it, got ${JSON.stringify(command.getOptionValue(key))}`, { where: flag });
  }
}

function renderWrite(result: ReturnType<typeof writeSimulatedExperiment> & { dataDir: string }): string {
  return [
    `Wrote plan ${result.planId}: ${result.windows} windows of ${result.providers.join(' and ')} (${result.first} to ${result.last}) into ${result.dataDir}`,
    `  ${result.anomalies} anomalies recorded; \`experiment report\` decides it`,
    '',
  ].join('\n');
}

/** A plain decimal flag value within [min, max] (and whole when asked), or a BAD_USAGE error naming the flag. */
function parseNumber(value: string, flag: string, limits: { min: number; max: number; integer?: boolean }): number {
  const number = Number(value);
  const plain = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(value);
  if (!plain || number < limits.min || number > limits.max || (limits.integer && !Number.isInteger(number))) {
    const kind = limits.integer ? 'a whole number' : 'a number';
    throw new AppError('BAD_USAGE', `expected ${kind} from ${limits.min} to ${limits.max}, got ${JSON.stringify(value)}`, { where: flag });
  }
  return number;
}
