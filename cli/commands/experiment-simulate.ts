// `experiment simulate`: a design check of the plan's decision on a named shape (--shape), of the older stop rules on an outcome distribution, or --write one experiment.
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import {
  analyzeSimulatedExperiment,
  parseDistribution,
  renderSimulationSummary,
  resolveDesign,
  SEQUENTIAL_MIN_N,
  SIMULATED_DISTRIBUTIONS,
  simulateExperiments,
  simulateOneExperiment,
  type CrossoverDesign,
} from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { readRecordedDifferences } from './experiment-simulate-resample.js';
import {
  addDecisionOptions,
  DECISION_DEFAULT_SEED,
  DECISION_HELP,
  type DecisionFlags,
  hasDecisionFlags,
  runDecisionSimulation,
} from './experiment-simulate-decision.js';
import { writeSimulatedExperiment } from './experiment-simulate-write.js';

interface SimulateFlags extends DecisionFlags {
  seed?: string;
  effect: string;
  tasks: string;
  replicates: string;
  alpha: string;
  futility: string;
  periodEffect: string;
  anomalyRate: string;
  distribution: string;
  write?: boolean;
}

/** The `simulate` subcommand of `experiment`. */
export function createSimulateCommand(): Command {
  const command = new Command('simulate')
    .description(
      "--shape: experiments of 2 to 4 providers under a named shape (ties, failures, skewed costs, epochs, period effects...) whose true work per dollar is known, through the plan's decision (every pair's ratio of work per dollar, group-sequential, the runner's early stop), with the rate of naming a provider that is not ahead, power and tasks used (Monte Carlo intervals); --distribution: AB/BA experiments through the older per-task stop rules (betting and normal-theory), on normal, skewed, heavy-tailed, bounded, coarse or resampled outcomes; --write records one simulated experiment in the data dir",
    )
    .option(
      '--seed <seed>',
      `seed of the simulation (same seed, same figures); required but with --shape (default ${DECISION_DEFAULT_SEED})`,
    )
    .option(
      '--distribution <name>',
      `outcome distribution: ${SIMULATED_DISTRIBUTIONS.join('|')} (resample: the paired differences recorded in the data dir)`,
      'normal',
    )
    .option(
      '--effect <sd>',
      `planted effect A - B, in SDs of the per-task paired difference (0: two identical providers; with resample, "observed" draws the differences as recorded; with shapes: A's mean minus B's in SDs of one arm, the root mean square of the two SDs)`,
      '0',
    )
    .option('--tasks <n>', 'tasks per experiment (each done once by each provider)', '20')
    .option('--replicates <n>', 'simulated experiments', '2000')
    .option(
      '--alpha <alpha>',
      'error rate of the rules and intervals (per pair: with m pairs of providers the runner uses alpha / m)',
      '0.05',
    )
    .option('--futility <sd>', 'futility margin in SDs: stop when the whole confidence sequence lies within ± this (0: off)', '0.5')
    .option('--period-effect <sd>', 'period 2 minus period 1, in SDs', '0.2')
    .option('--anomaly-rate <p>', "chance that a window's capture fails with a negative delta", '0.02')
    .option(
      '--write',
      'write ONE simulated experiment (replicate 1 of the seed) into the data dir as providers sim-a and sim-b, for `experiment report`',
    );
  return addDecisionOptions(command)
    .addHelpText('after', DECISION_HELP)
    .action(function (this: Command, flags: SimulateFlags) {
      const ctx = resolveContext(this);
      if (flags.seed !== undefined && flags.seed.trim() === '')
        throw new AppError('BAD_USAGE', 'expected a non-empty seed, got ""', { where: '--seed' });
      if (hasDecisionFlags(this, flags)) {
        const { result, text } = runDecisionSimulation(this, flags, parseNumber);
        printResult(ctx.json, result, () => text);
        return;
      }
      if (flags.seed === undefined)
        throw new AppError(
          'BAD_USAGE',
          'expected --seed <seed> for a --distribution simulation or --write (only --shape has a default seed)',
          {
            where: '--seed',
          },
        );
      const distribution = parseDistribution(flags.distribution, '--distribution');
      const asObserved = flags.effect === 'observed';
      if (asObserved && distribution !== 'resample')
        throw new AppError('BAD_USAGE', `"observed" needs --distribution resample, got --distribution ${distribution}`, {
          where: '--effect',
        });
      const recorded = distribution === 'resample' ? readRecordedDifferences(ctx.dataDir) : null;
      const design: CrossoverDesign = {
        tasks: parseNumber(flags.tasks, '--tasks', { integer: true, min: 2, max: 10_000 }),
        effect: asObserved ? 0 : parseNumber(flags.effect, '--effect', { min: -10, max: 10 }),
        periodEffect: parseNumber(flags.periodEffect, '--period-effect', { min: -0.99, max: 0.99 }),
        anomalyRate: parseNumber(flags.anomalyRate, '--anomaly-rate', { min: 0, max: 1 }),
        distribution,
        ...(recorded ? { pool: recorded.diffs, asObserved } : {}),
      };
      const alpha = parseNumber(flags.alpha, '--alpha', { min: 1e-6, max: 0.5 });
      const futilityMargin = parseNumber(flags.futility, '--futility', { min: 0, max: 10 });
      if (flags.write) {
        if (distribution !== 'normal')
          throw new AppError('BAD_USAGE', `--write records the normal model only (its values map to efficiencies), got ${distribution}`, {
            where: '--distribution',
          });
        if (design.tasks > 99)
          throw new AppError('BAD_USAGE', `--write records at most 99 tasks, got ${design.tasks}`, { where: '--tasks' });
        const resolved = resolveDesign(design);
        const tasks = simulateOneExperiment(resolved, flags.seed);
        const written = writeSimulatedExperiment(ctx.dataDir, ctx.agentId, tasks, resolved, flags.seed);
        const outcome = analyzeSimulatedExperiment(
          tasks,
          { alpha, tuningN: resolved.tasks, minN: SEQUENTIAL_MIN_N, futilityMargin },
          resolved.effect,
        );
        const result = { dataDir: ctx.dataDir, ...written, design: resolved, outcome };
        printResult(ctx.json, result, () => renderWrite(result));
        return;
      }
      const replicates = parseNumber(flags.replicates, '--replicates', { integer: true, min: 1, max: 1_000_000 });
      const summary = simulateExperiments({ ...design, seed: flags.seed, replicates, alpha, futilityMargin });
      const source = recorded ? { resampled: { dataDir: ctx.dataDir, a: recorded.a, b: recorded.b, tasks: recorded.diffs.length } } : {};
      const note = recorded
        ? `Resampled: ${recorded.diffs.length} paired tasks of ${recorded.a} - ${recorded.b} (efficiency per capacity unit) from ${ctx.dataDir}.\n`
        : '';
      printResult(ctx.json, { ...summary, ...source }, () => `${renderSimulationSummary(summary)}${note}`);
    });
}

function renderWrite(
  result: ReturnType<typeof writeSimulatedExperiment> & { dataDir: string; outcome: ReturnType<typeof analyzeSimulatedExperiment> },
): string {
  const { outcome } = result;
  const stop =
    outcome.sequential.decision === 'continue'
      ? `no stop in ${outcome.pairedTasks} paired tasks`
      : `${outcome.sequential.decision} after ${outcome.sequential.n} paired tasks`;
  return [
    `Wrote plan ${result.planId}: ${result.windows} windows of ${result.providers.join(' and ')} (${result.first} to ${result.last}) into ${result.dataDir}`,
    `  ${result.anomalies} anomalies recorded; sequential rule on this experiment: ${stop}`,
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
