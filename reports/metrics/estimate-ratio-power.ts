// Monte Carlo runs of the plan's own design and decision on simulated tasks: how often the pair is decided A ahead (pure).
import { buildSequentialRule, type SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { createSeededRandom } from '../stats/seeded-random.js';
import { drawNormal } from '../stats/simulate-distributions.js';
import { decideRatioPair, type PairOutcome } from './decide-ratio-pair.js';
import type { RatioPairTask } from './pair-ratio-tasks.js';
import type { RatioTask } from '../stats/ratio-of-sums.js';
import type { TaskModel } from './ratio-power-model.js';

/**
 * When a simulated run ends. `when-settled`: at the pair's first settled look (a boundary crossed, or the repeated
 * interval within the relevant ratio), as the runner stops a plan once every pair is settled or a leader decided (decide-plan-stop.ts):
 * with two providers the one pair is every pair. `at-crossing`: only a crossing ends it, else all the planned tasks
 * run, and the answer is decideRatioPair's on them all: with more providers the other pairs may keep the run going.
 * The within-margin settlement never adds error, but where it ends the run it caps the power for a true ratio below
 * the relevant one: at 1.1x with a relevant 1.2x, about 58% at any number of tasks (defaults, 400 runs).
 */
export type PowerStop = 'when-settled' | 'at-crossing';

export interface PowerDesign {
  alpha: number;
  providers: number;
  minEffect: number;
  enabled: boolean;
  calibrationSe: number;
  runs: number;
  seed: string | number;
  stop: PowerStop;
  model: TaskModel;
}

export interface PowerEstimate {
  tasks: number;
  ratio: number;
  /** Runs simulated: the design's, fewer for a large plan (capPowerRuns). */
  runs: number;
  /** Share of runs decided A ahead, and its Monte Carlo SE sqrt(p (1 - p) / runs). */
  power: number;
  power_se: number;
  /** Share of runs ending in each outcome. */
  outcomes: Record<PairOutcome, number>;
  /** Mean tasks at the decision, over the runs decided A ahead; null when none was. */
  mean_decided_at: number | null;
  /** Mean tasks a run takes before it ends (see PowerStop). */
  mean_tasks_run: number;
  rule: SequentialRuleSettings;
}

/**
 * Simulated runs for one power estimate of `tasks` planned tasks: all `requested` up to POWER_WORK tasks drawn in
 * all (400 runs of 250 tasks), fewer beyond, never below MIN_POWER_RUNS. A search makes 10 to 20 estimates at the
 * plan's size, so without a bound the report's power grew with the plan times the runs (36% of
 * `experiment report` on a plan of 100,000 windows); bounded, it grows no faster than the plan's own tasks.
 */
export function capPowerRuns(requested: number, tasks: number): number {
  return Math.min(requested, Math.max(MIN_POWER_RUNS, Math.floor(POWER_WORK / Math.max(1, tasks))));
}

/** The tasks one power estimate may draw, and the fewest runs it takes (a power's Monte Carlo SE at most 0.05). */
const POWER_WORK = 100_000;
export const MIN_POWER_RUNS = 100;

/**
 * `runs` experiments of `tasks` planned tasks (capPowerRuns) at A/B = `ratio`, the rule built for those tasks, each
 * decided by decideRatioPair's line form (the decision's own lines: ADR 0041 measures its agreement with the whole
 * sequence). Run r draws from its own stream, seeded `${seed}:${r}`: the same tasks at every ratio and planned size
 * (common random numbers: the ratio only moves A's budget, so the power is exactly monotone in it). Its first draw is
 * the prices' calibration error, e ~ N(0, calibrationSe^2), a factor exp(e) on every dollar of A (its budget too) for
 * the whole run: a price is calibrated once per provider and errs the same way on each arm.
 */
export function estimateRatioPower(design: PowerDesign, tasks: number, ratio: number): PowerEstimate {
  const runs = capPowerRuns(design.runs, tasks);
  const rule = buildSequentialRule({
    providers: design.providers,
    alpha: design.alpha,
    minEffect: design.minEffect,
    plannedTasks: tasks,
    enabled: design.enabled,
  });
  const outcomes: Record<PairOutcome, number> = { 'a-ahead': 0, 'b-ahead': 0, 'within-margin': 0, open: 0, 'n/a': 0 };
  let decidedTasks = 0;
  let runTasks = 0;
  // One set of task objects for every run, overwritten in place: a fresh array per run was most of the time and
  // the garbage collector's load (a report's power searches, 7.8 s on the seed-42 ledger before).
  const rows: RatioPairTask[] = Array.from({ length: tasks }, () => ({
    qA: 0,
    cA: 0,
    qB: 0,
    cB: 0,
    subject: '',
    sequence: 'AB',
    completed_at: '',
  }));
  const pair = { a: 'A', b: 'B', unpaired: 0, tasks: rows };
  const out = new Float64Array(4);
  const scale = design.model.scaleFor(ratio);
  for (let run = 0; run < runs; run += 1) {
    const random = createSeededRandom(`${design.seed}:${run}`);
    const budgetA = scale * Math.exp(design.calibrationSe * drawNormal(random));
    let drawn = 0;
    // The run reads (and draws, in stream order) its tasks only up to where it ends.
    const decision = decideRatioPair(pair, rule, {
      calibrationSe: design.calibrationSe,
      na: null,
      budget: { a: budgetA, b: 1 },
      lines: true,
      // Without stop rules the run takes every planned task; its answer is the sequence's at the end.
      ...(design.enabled ? { stopAt: design.stop === 'when-settled' ? ('settled' as const) : ('crossing' as const) } : {}),
      prepare: (count) => {
        for (; drawn < count; drawn += 1) {
          const row = rows[drawn] as RatioPairTask;
          design.model.draw(random, out);
          // Indexed, not destructured: destructuring a typed array runs its iterator (an allocation per task).
          row.qA = out[0] as number;
          row.cA = (out[1] as number) * budgetA;
          row.qB = out[2] as number;
          row.cB = out[3] as number;
        }
      },
    });
    // The runner ends a two-provider run at its pair's first settled look; otherwise only a crossing ends it.
    const settled = design.stop === 'when-settled' ? decision.looks.find((look) => look.state !== 'open') : undefined;
    const outcome = settled?.state ?? decision.outcome;
    const ended = design.enabled ? (settled?.n ?? decision.decided_at ?? tasks) : tasks;
    outcomes[outcome] += 1;
    if (outcome === 'a-ahead') decidedTasks += ended;
    runTasks += ended;
  }
  const decided = outcomes['a-ahead'];
  const power = decided / runs;
  for (const key of Object.keys(outcomes) as PairOutcome[]) outcomes[key] /= runs;
  return {
    tasks,
    ratio,
    runs,
    power,
    power_se: Math.sqrt((power * (1 - power)) / runs),
    outcomes,
    mean_decided_at: decided > 0 ? decidedTasks / decided : null,
    mean_tasks_run: runTasks / runs,
    rule,
  };
}

/** The tasks of simulated run `run`, as estimateRatioPower sees them (B's budget 1): to hold a run against decideRatioPair. */
export function drawRunTasks(
  model: TaskModel,
  ratio: number,
  tasks: number,
  seed: string | number,
  run: number,
  calibrationSe: number,
): { tasks: RatioTask[]; budget: { a: number; b: number } } {
  const random = createSeededRandom(`${seed}:${run}`);
  const budgetA = model.scaleFor(ratio) * Math.exp(calibrationSe * drawNormal(random));
  const out = new Float64Array(4);
  const drawn = Array.from({ length: tasks }, () => {
    model.draw(random, out);
    return { qA: out[0] as number, cA: (out[1] as number) * budgetA, qB: out[2] as number, cB: out[3] as number };
  });
  return { tasks: drawn, budget: { a: budgetA, b: 1 } };
}
