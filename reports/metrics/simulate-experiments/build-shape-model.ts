// The named shapes `experiment simulate --shape` draws experiments from, each a model whose true work per dollar is known exactly (pure).
import { AppError } from '../../../kernel/index.js';
import { DECISION_SHAPES } from './shape-model-types.js';
export { describeFamilies as describeTailFamilies } from './build-tail-families.js';
import { buildBimodalShape } from './build-bimodal-shapes.js';
import { buildFamilyModel, describeFamily, isTailFamily, parseFamilySpec } from './build-tail-families.js';
import type { ArmModel, DecisionShape, ShapeModel, TaskClass } from './shape-model-types.js';

export {
  DECISION_SHAPES,
  NULL_DECISION_SHAPES,
  type ArmModel,
  type DecisionShape,
  type ShapeModel,
  type TaskClass,
} from './shape-model-types.js';

/** One line per shape, for --help, the output and the docs. */
export const SHAPE_DESCRIPTIONS: Record<DecisionShape, string> = {
  ties: 'every provider passes 70%, costs lognormal (mean 1, sdlog 0.5): many tasks tie at 0 or at 1',
  'both-fail': 'half the tasks fail for everyone; the rest pass 70%; costs as in ties',
  'cheap-fails-often': 'A passes 30% at a third of the cost of B passing 90% (C 60% at 2/3, D 45% at 1/2); costs sdlog 0.5',
  'rare-wins': 'on 10% of tasks A alone passes; on the rest all pass 60% and A costs 1.206 times as much; costs sdlog 0.5',
  'moderate-costs': 'pass 70%, costs lognormal with sdlog 1 (CV 1.3), no shared task effect',
  'skewed-costs': 'pass 70%, costs lognormal with sdlog 1.5 (CV 2.9), no shared task effect',
  'skewed-shared': "pass 70%, a task's cost factor (sdlog 1.5) shared by all its arms, own noise sdlog 0.5",
  'epochs-2': 'each task run twice per provider and averaged; pass 60% with task-level correlation 0.5, shared cost factor sdlog 0.5',
  'epochs-3': 'as epochs-2, three runs per task and provider',
  period: 'pass 70%, costs sdlog 0.5; every arm after the first of a task costs 30% less, whoever runs it',
  'low-pass': 'every provider passes 10%: few successes, early looks often see a side with no work',
  'hard-costly': 'pass 50%; hard tasks fail for all (correlation 0.6) and cost more (shared factor sdlog 1 on the same latent)',
  'unequal-spread': 'pass 70%, equal mean costs, but A costs sdlog 1.5 where the others cost sdlog 0.2',
  partial: 'pass 50%; a failed arm scores a partial credit uniform on [0, 0.6]; costs sdlog 0.5',
  mixed: 'cheap-fails-often, with hard tasks failing and costing more (correlation 0.5, sdlog 1), own sdlog 1 and the period effect',
  'cheap-failures': "pass 60%; a failed arm costs a tenth of a passed one; a task's size (sdlog 0.8) scales all its arms, own sdlog 0.3",
  'fails-cheap-often': 'as cheap-failures, but A passes 30% (B 90%, C 60%, D 45%), each priced so that all do the same work per dollar',
  'cheap-failures-20': "pass 50%; a failed arm costs a twentieth of a passed one; a task's size sdlog 1, own sdlog 0.5",
  runaway: 'pass 70%; 5% of arms run away (fail at 15 times the cost of a passed arm); costs sdlog 0.5',
  'ahead-1.2': "as ties, but A's costs divided by 1.2: A truly 1.2 times every other's work per dollar",
  'ahead-1.5': "as ties, A's costs divided by 1.5",
  'ahead-2': "as ties, A's costs divided by 2",
  'fails-cheap-ahead-1.5': "as cheap-failures, A's costs divided by 1.5",
};

/** `value` as a shape name or a family spec (`runaway-one-sided:rate=0.02,size=60`), or a BAD_USAGE error naming `where` and the choices. */
export function parseDecisionShape(value: string, where: string): string {
  if (isTailFamily(value)) {
    parseFamilySpec(value, where);
    return value;
  }
  const found = DECISION_SHAPES.find((name) => name === value);
  if (!found)
    throw new AppError('BAD_USAGE', `expected one of ${DECISION_SHAPES.join(', ')} or a family, got ${JSON.stringify(value)}`, { where });
  return found;
}

/** The one-line description of a shape or a family spec. */
export function describeShape(shape: string): string {
  return isTailFamily(shape) ? describeFamily(shape) : (SHAPE_DESCRIPTIONS[shape as DecisionShape] ?? shape);
}

/** Cheap-fails-often: provider j passes PASSES[j] at a cost of PASSES[j] / 0.9, so every one does 0.9 work per dollar. */
const CHEAP_PASSES = [0.3, 0.9, 0.6, 0.45];

/** The model of `shape` (a name or a family spec) for `providers` (2 to 4) providers. */
export function buildShapeModel(shape: string, providers: number): ShapeModel {
  if (!(Number.isInteger(providers) && providers >= 2 && providers <= CHEAP_PASSES.length))
    throw new AppError('BAD_USAGE', `expected a whole number from 2 to ${CHEAP_PASSES.length}, got ${providers}`, { where: '--providers' });
  const same = (arm: ArmModel): ArmModel[] => Array.from({ length: providers }, () => ({ ...arm }));
  const ties: ArmModel = { pass: 0.7, cost: 1, sdlog: 0.5 };
  const base: ShapeModel = {
    shape,
    providers,
    classes: [{ weight: 1, arms: same(ties) }],
    taskRho: 0,
    taskCostSdlog: 0,
    hardCostly: false,
    epochs: 1,
    periodCost: Array.from({ length: providers }, () => 1),
    partial: 0,
    design: { ahead: null, ratio: 1 },
  };
  const only = (arms: ArmModel[]): TaskClass[] => [{ weight: 1, arms }];
  const cheap = only(CHEAP_PASSES.slice(0, providers).map((pass) => ({ pass, cost: pass / 0.9, sdlog: 0.5 })));
  const afterFirst = Array.from({ length: providers }, (_, period) => (period === 0 ? 1 : 0.7));
  const epochs = (count: number): ShapeModel => ({
    ...base,
    classes: only(same({ pass: 0.6, cost: 1, sdlog: 0.5 })),
    taskRho: 0.5,
    taskCostSdlog: 0.5,
    epochs: count,
  });
  const ahead = (ratio: number): ShapeModel => ({
    ...base,
    classes: only(same(ties).map((arm, p) => (p === 0 ? { ...arm, cost: arm.cost / ratio } : arm))),
    design: { ahead: 0, ratio },
  });
  if (isTailFamily(shape)) return buildFamilyModel(base, shape);
  switch (shape) {
    case 'ties':
      return base;
    case 'both-fail':
      return {
        ...base,
        classes: [
          { weight: 0.5, arms: same({ ...ties, pass: 0 }) },
          { weight: 0.5, arms: same(ties) },
        ],
      };
    case 'cheap-fails-often':
      return { ...base, classes: cheap };
    case 'rare-wins':
      return { ...base, classes: buildRareWins(providers, 0.1, 0.6) };
    case 'moderate-costs':
      return { ...base, classes: only(same({ ...ties, sdlog: 1 })) };
    case 'skewed-costs':
      return { ...base, classes: only(same({ ...ties, sdlog: 1.5 })) };
    case 'skewed-shared':
      return { ...base, taskCostSdlog: 1.5 };
    case 'epochs-2':
      return epochs(2);
    case 'epochs-3':
      return epochs(3);
    case 'period':
      return { ...base, periodCost: afterFirst };
    case 'low-pass':
      return { ...base, classes: only(same({ ...ties, pass: 0.1 })) };
    case 'hard-costly':
      return { ...base, classes: only(same({ ...ties, pass: 0.5 })), taskRho: 0.6, taskCostSdlog: 1, hardCostly: true };
    case 'unequal-spread':
      return { ...base, classes: only(same({ ...ties, sdlog: 0.2 }).map((arm, p) => (p === 0 ? { ...arm, sdlog: 1.5 } : arm))) };
    case 'partial':
      return { ...base, classes: only(same({ ...ties, pass: 0.5 })), partial: 0.6 };
    case 'mixed':
      return {
        ...base,
        classes: only(cheap[0]?.arms.map((arm) => ({ ...arm, sdlog: 1 })) ?? []),
        taskRho: 0.5,
        taskCostSdlog: 1,
        hardCostly: true,
        periodCost: afterFirst,
      };
    case 'ahead-1.2':
      return ahead(1.2);
    case 'ahead-1.5':
      return ahead(1.5);
    case 'ahead-2':
      return ahead(2);
    default:
      return buildBimodalShape(base, shape) as ShapeModel;
  }
}

/**
 * Rare outright wins: on a share `wins` of the tasks A passes and every other fails, at equal cost; on the rest
 * all pass with chance `pass` and A costs m times as much. A's work per task is wins + (1 - wins) pass, the
 * others' (1 - wins) pass; A's dollars wins + (1 - wins) m, the others' 1. Equal work per dollar solves
 * m = ((wins + (1 - wins) pass) / ((1 - wins) pass) - wins) / (1 - wins): 1.206 at wins 0.1, pass 0.6.
 */
function buildRareWins(providers: number, wins: number, pass: number): TaskClass[] {
  const rest = 1 - wins;
  const m = ((wins + rest * pass) / (rest * pass) - wins) / rest;
  return [
    { weight: wins, arms: Array.from({ length: providers }, (_, p) => ({ pass: p === 0 ? 1 : 0, cost: 1, sdlog: 0.5 })) },
    { weight: rest, arms: Array.from({ length: providers }, (_, p) => ({ pass, cost: p === 0 ? m : 1, sdlog: 0.5 })) },
  ];
}
