// The names of `experiment simulate`'s shapes and the model each is drawn from: the types the shape builders share (pure).

/** One provider's arms on one class of tasks: the chance an arm passes and its mean dollars before the period factor. */
export interface ArmModel {
  pass: number;
  /** Mean dollars of a passed arm (of every arm when `failCost` is 1). */
  cost: number;
  /** SD of the log of the arm's own cost noise (lognormal, mean 1): 0 for none. */
  sdlog: number;
  /** A failed arm's mean dollars as a multiple of a passed arm's: real agents' failures often cost 5-20x less. Default 1. */
  failCost?: number;
  /** A share of the arms that run away: they fail and cost `cost` times a passed arm (the rest pass with chance `pass`). */
  runaway?: { share: number; cost: number };
  /** The own noise is Pareto with this tail index (mean 1) instead of lognormal; sdlog is then unused. */
  pareto?: number;
  /**
   * The arm's cost also carries the task's difficulty (the latent that makes its arms fail, hardCostly) as a
   * lognormal factor of mean 1 with this sdlog: providers whose costs rise more or less steeply on hard tasks.
   */
  elasticity?: number;
}

/** A share of the tasks (weight) on which the providers' arms follow `arms` (one per provider, A first). */
export interface TaskClass {
  weight: number;
  arms: ArmModel[];
}

/** Everything a shape's experiments are drawn from, for k providers. */
export interface ShapeModel {
  /** A named shape, or a family with its parameters (build-tail-families.ts). */
  shape: string;
  providers: number;
  classes: TaskClass[];
  /** Correlation of the latent scores whose threshold makes an arm pass, shared by every arm of a task (all providers, all epochs). */
  taskRho: number;
  /** SD of the log of a task's cost factor (lognormal, mean 1) that multiplies every arm of the task. */
  taskCostSdlog: number;
  /** The cost factor rises with the same latent that makes the task's arms fail (hard tasks cost more); else independent. */
  hardCostly: boolean;
  /** Runs of each provider per task, averaged into one task value (quality and dollars), as reduceEpochs does. */
  epochs: number;
  /** Cost multiplier of the arm a task runs in each period (index 0: the first arm), whoever runs it. */
  periodCost: number[];
  /**
   * Per provider, the cost multiplier of its arm when another provider's arm of the task ran before it: one-sided
   * carry-over (a cache or an artefact the sandbox kept). Absent: 1. The truth is each arm alone, so it ignores it.
   */
  afterOther?: number[];
  /** A failed arm scores a uniform partial credit on [0, partial]; 0: pass (1) or fail (0). */
  partial: number;
  /** What the shape was designed to be: provider `ahead` (0 = A) truly `ratio` times every other's work per $, or all equal (null). */
  design: { ahead: number | null; ratio: number };
  /** Each provider's task budget in its dollars (cap-shape-model.ts); absent: no budget, arms never stopped. */
  budgets?: number[];
  /** The capped work per dollar of each provider, as designed (exact by construction); set with `budgets`. */
  cappedRatios?: number[];
}

const NULL_SHAPES = [
  'ties',
  'both-fail',
  'cheap-fails-often',
  'rare-wins',
  'moderate-costs',
  'skewed-costs',
  'skewed-shared',
  'epochs-2',
  'epochs-3',
  'period',
  'low-pass',
  'hard-costly',
  'unequal-spread',
  'partial',
  'mixed',
  'cheap-failures',
  'fails-cheap-often',
  'cheap-failures-20',
  'runaway',
] as const;
const ALTERNATIVE_SHAPES = ['ahead-1.2', 'ahead-1.5', 'ahead-2', 'fails-cheap-ahead-1.5'] as const;

/** Shapes under which every provider does the same work per dollar: every claim that one is ahead is false. */
export const NULL_DECISION_SHAPES: readonly DecisionShape[] = NULL_SHAPES;
export const DECISION_SHAPES = [...NULL_SHAPES, ...ALTERNATIVE_SHAPES] as const;
export type DecisionShape = (typeof DECISION_SHAPES)[number];
