// `experiment simulate --shape NAME --providers K --tasks N`: seeded experiments of a named shape through the plan's decision, with Monte Carlo intervals.
import type { Command } from 'commander';
import {
  DEFAULT_BUDGET_MULTIPLE,
  DECISION_SHAPES,
  describeTailFamilies,
  type DecisionCell,
  parseDecisionShape,
  renderDecisionCell,
  SHAPE_DESCRIPTIONS,
  simulateDecisionCell,
} from '../../reports/index.js';

/** The flags of the shape mode, as commander parses them. */
export interface DecisionFlags {
  shape?: string;
  providers?: string;
  runs?: string;
  stopRules: boolean;
  budgetMultiple?: string;
}

/** The seed of the shape mode when none is given: the one docs/reports.md's table was measured with. */
export const DECISION_DEFAULT_SEED = 'decision-2026';

/** Adds the shape mode's options to `simulate`. */
export function addDecisionOptions(command: Command): Command {
  return command
    .option(
      '--shape <name>',
      `simulate experiments of a named shape through the plan's decision (work per dollar, the betting sequence, each arm stopped at its task budget): ${DECISION_SHAPES.join('|')}`,
    )
    .option('--providers <k>', 'with --shape: providers in the plan, 2 to 4 (AB/BA for 2, Williams for more)', '2')
    .option('--runs <r>', 'with --shape: simulated experiments', '2000')
    .option('--no-stop-rules', 'with --shape: the plan registers no early stop: one look, at the planned tasks (the same experiments)')
    .option(
      '--budget-multiple <m>',
      "with --shape: each provider's task budget in multiples of its passed arm's mean cost (an arm past it is stopped there, a failure); the truth is the capped one",
      String(DEFAULT_BUDGET_MULTIPLE),
    );
}

/** The `--help` text of the shape mode: an example and every shape. */
export const DECISION_HELP = `
Shapes (--shape): each provider's true work per dollar is known exactly; how often does the decision name a provider that is not ahead?
  $ experiment simulate --shape cheap-fails-often --providers 2 --tasks 50 --runs 2000 --seed ${DECISION_DEFAULT_SEED}
${DECISION_SHAPES.map((shape) => `  ${shape.padEnd(18)} ${SHAPE_DESCRIPTIONS[shape]}`).join('\n')}
Families (--shape NAME:key=value,...; one provider, A, has the tail; the others are priced to do the same capped work per dollar):
${describeTailFamilies()
  .map((line) => `  ${line}`)
  .join('\n')}
  $ experiment simulate --shape runaway-one-sided:rate=0.02,size=60 --providers 3 --tasks 40
`;

/** Runs the shape mode: one cell (shape, providers, tasks) of R runs. */
export function runDecisionSimulation(
  flags: DecisionFlags & { seed?: string; tasks: string; alpha: string },
  parse: (value: string, flag: string, limits: { min: number; max: number; integer?: boolean }) => number,
): { result: DecisionCell; text: string } {
  const result = simulateDecisionCell({
    shape: parseDecisionShape(flags.shape ?? '', '--shape'),
    providers: parse(flags.providers ?? '2', '--providers', { integer: true, min: 2, max: 4 }),
    tasks: parse(flags.tasks, '--tasks', { integer: true, min: 2, max: 10_000 }),
    runs: parse(flags.runs ?? '2000', '--runs', { integer: true, min: 1, max: 1_000_000 }),
    seed: flags.seed ?? DECISION_DEFAULT_SEED,
    alpha: parse(flags.alpha, '--alpha', { min: 1e-6, max: 0.5 }),
    stopRules: flags.stopRules,
    budgetMultiple: parse(flags.budgetMultiple ?? String(DEFAULT_BUDGET_MULTIPLE), '--budget-multiple', { min: 1, max: 1000 }),
  });
  return { result, text: renderDecisionCell(result) };
}
