// `experiment simulate --shape-a S --shape-b S`: two arms of per-task efficiencies that differ in shape, through the runner's stop rule and the one it replaced.
import type { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import {
  DEFAULT_ZERO_RATE,
  EFFICIENCY_SHAPES,
  parseEfficiencyShape,
  renderShapeSimulation,
  simulateShapeExperiments,
  type ShapeRequest,
} from '../../reports/index.js';

/** The flags of the shape mode, as commander parses them. */
export interface ShapeFlags {
  shapeA?: string;
  shapeB?: string;
  mean: string;
  sd: string;
  sdA?: string;
  sdB?: string;
  zeroRate: string;
  taskSdlog: string;
}

/** Adds the shape mode's options to `simulate`. */
export function addShapeOptions(command: Command): Command {
  const shapes = EFFICIENCY_SHAPES.join('|');
  return command
    .option(
      '--shape-a <shape>',
      `shape of provider A's per-task efficiencies: ${shapes} (with --shape-b; the arms may differ in shape with equal means)`,
    )
    .option('--shape-b <shape>', `shape of provider B's per-task efficiencies: ${shapes}`)
    .option('--mean <m>', "with shapes: B's mean efficiency (A's is this plus --effect SDs)", '1')
    .option('--sd <s>', 'with shapes: the SD of both arms', '1')
    .option('--sd-a <s>', "with shapes: A's SD (default --sd)")
    .option('--sd-b <s>', "with shapes: B's SD (default --sd)")
    .option('--zero-rate <p>', 'with the realistic shape: the chance a task fails and scores 0', String(DEFAULT_ZERO_RATE))
    .option(
      '--task-sdlog <s>',
      'with shapes: SD of the log of a per-task difficulty factor (mean 1) shared by both arms: exchangeable, correlated arms (0: none)',
      '0',
    );
}

/** True when the shape mode is asked for (either shape flag). */
export function hasShapeFlags(flags: ShapeFlags): boolean {
  return flags.shapeA !== undefined || flags.shapeB !== undefined;
}

/** The `--help` example of the shape mode. */
export const SHAPE_EXAMPLE = `
Shapes (equal means, different shapes: does the runner's rule stop, and on which side?):
  $ experiment simulate --seed doc --shape-a exponential --shape-b normal --sd-b 0.3 --tasks 200
  $ experiment simulate --seed doc --shape-a realistic --shape-b realistic --task-sdlog 1 --json
`;

/**
 * Runs the shape simulation and returns the result and its text. Flags of the --distribution mode that mean
 * nothing here (set on the command line) are refused, naming them, rather than silently ignored.
 */
export function runShapeSimulation(
  command: Command,
  flags: ShapeFlags & { seed: string; effect: string; tasks: string; replicates: string; alpha: string },
  parse: (value: string, flag: string, limits: { min: number; max: number; integer?: boolean }) => number,
): { result: ReturnType<typeof simulateShapeExperiments>; text: string } {
  for (const [key, flag] of [
    ['distribution', '--distribution'],
    ['futility', '--futility'],
    ['periodEffect', '--period-effect'],
    ['anomalyRate', '--anomaly-rate'],
    ['write', '--write'],
  ] as const) {
    if (command.getOptionValueSource(key) === 'cli')
      throw new AppError('BAD_USAGE', `${flag} belongs to --distribution simulations, not to --shape-a/--shape-b`, { where: flag });
  }
  if (flags.shapeA === undefined || flags.shapeB === undefined)
    throw new AppError('BAD_USAGE', 'give both --shape-a and --shape-b', { where: flags.shapeA === undefined ? '--shape-a' : '--shape-b' });
  const mean = parse(flags.mean, '--mean', { min: 1e-9, max: 1e9 });
  const sd = parse(flags.sd, '--sd', { min: 0, max: 1e9 });
  const sdA = flags.sdA === undefined ? sd : parse(flags.sdA, '--sd-a', { min: 0, max: 1e9 });
  const sdB = flags.sdB === undefined ? sd : parse(flags.sdB, '--sd-b', { min: 0, max: 1e9 });
  const zeroRate = parse(flags.zeroRate, '--zero-rate', { min: 0, max: 0.99 });
  const effect = parse(flags.effect, '--effect', { min: -10, max: 10 });
  // The effect is in SDs of one arm: the root mean square of the two SDs, so unequal spreads do not pick a side.
  const unit = Math.sqrt((sdA * sdA + sdB * sdB) / 2);
  const arm = (shape: string, where: string, armMean: number, armSd: number): ShapeRequest => ({
    shape: parseEfficiencyShape(shape, where),
    mean: armMean,
    sd: armSd,
    zeroRate,
  });
  const result = simulateShapeExperiments({
    seed: flags.seed,
    replicates: parse(flags.replicates, '--replicates', { integer: true, min: 1, max: 1_000_000 }),
    tasks: parse(flags.tasks, '--tasks', { integer: true, min: 2, max: 10_000 }),
    a: arm(flags.shapeA, '--shape-a', mean + effect * unit, sdA),
    b: arm(flags.shapeB, '--shape-b', mean, sdB),
    taskSdlog: parse(flags.taskSdlog, '--task-sdlog', { min: 0, max: 5 }),
    alpha: parse(flags.alpha, '--alpha', { min: 1e-6, max: 0.5 }),
  });
  return { result, text: renderShapeSimulation(result) };
}
