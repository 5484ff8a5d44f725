// Families of shapes where one provider's costs have a tail the others' lack, with parameters: `name:key=value,...` (pure).
import { AppError } from '../../../kernel/index.js';
import { computeShapeTruth } from './compute-shape-truth.js';
import type { ArmModel, ShapeModel } from './shape-model-types.js';

interface FamilyParameter {
  name: string;
  default: number;
  min: number;
  max: number;
  about: string;
}

interface Family {
  about: string;
  parameters: FamilyParameter[];
  /** Provider A's arm and every other provider's, before their costs are equalised. */
  arms: (values: Record<string, number>) => { a: ArmModel; others: ArmModel };
  /** A task's cost factor shared by all its arms and raised to each arm's elasticity; hard tasks (failing) cost more. */
  shared?: boolean;
  /** A task's size (lognormal, this sdlog) scales all its arms, and passes correlate at 0.5 across providers. */
  sized?: number;
  /** A's cost multiplier when another provider's arm of the task ran first (ShapeModel.afterOther); the others' is 1. */
  afterOther?: (values: Record<string, number>) => number;
}

/** Every family puts the tail on provider A alone; every other provider's costs are scaled so all do the same work per $. */
export const TAIL_FAMILIES: Record<string, Family> = {
  'runaway-one-sided': {
    about: "A's arms run away (fail at `size` times a passed arm's cost) at `rate`; the others never do; pass 70%, costs sdlog 0.5",
    parameters: [
      { name: 'rate', default: 0.05, min: 0.001, max: 0.5, about: 'share of A arms that run away' },
      { name: 'size', default: 15, min: 1, max: 1000, about: "a runaway's cost over a passed arm's" },
    ],
    arms: (v) => ({
      a: { pass: 0.7, cost: 1, sdlog: 0.5, runaway: { share: v.rate as number, cost: v.size as number } },
      others: { pass: 0.7, cost: 1, sdlog: 0.5 },
    }),
  },
  'pareto-one-sided': {
    about: "A's costs have a Pareto tail of index `alpha` (mean 1); the others' are lognormal sdlog 0.5; pass 70%",
    parameters: [{ name: 'alpha', default: 1.5, min: 1.05, max: 10, about: "the tail index of A's costs (below 2: infinite variance)" }],
    arms: (v) => ({ a: { pass: 0.7, cost: 1, sdlog: 0, pareto: v.alpha as number }, others: { pass: 0.7, cost: 1, sdlog: 0.5 } }),
  },
  'elastic-difficulty': {
    about:
      "a task's difficulty (failing more, correlation 0.5) raises every arm's cost, A's with elasticity `a`, the others' with `b`; pass 60%",
    parameters: [
      { name: 'a', default: 1.5, min: 0, max: 3, about: "sdlog of A's share of the task's cost factor" },
      { name: 'b', default: 0.3, min: 0, max: 3, about: "the others'" },
    ],
    arms: (v) => ({
      a: { pass: 0.6, cost: 1, sdlog: 0.3, elasticity: v.a as number },
      others: { pass: 0.6, cost: 1, sdlog: 0.3, elasticity: v.b as number },
    }),
    shared: true,
  },
  'two-tails': {
    about:
      "tails of different kinds on each side: A's costs heavy-tailed throughout (sdlog `sd`, failures at half a pass's cost), the others' cheap failures (a tenth) plus rare loops to 60x at `rate`; pass 60%, a task's size (sdlog 0.8) scales its arms; `ahead` > 1 makes A truly that many times the others' capped work per $",
    parameters: [
      { name: 'sd', default: 1.2, min: 0, max: 3, about: "sdlog of A's costs" },
      { name: 'rate', default: 0.03, min: 0, max: 0.5, about: "share of the others' arms that loop" },
      { name: 'ahead', default: 1, min: 1, max: 10, about: "A's true capped work per $ over every other's (1: all equal)" },
    ],
    arms: (v) => ({
      a: { pass: 0.6, cost: 1, sdlog: v.sd as number, failCost: 0.5 },
      others: { pass: 0.6, cost: 1, sdlog: 0.5, failCost: 0.1, runaway: { share: v.rate as number, cost: 60 } },
    }),
    sized: 0.8,
  },
  'carry-over': {
    about:
      "one-sided carry-over: A's arms that run after another provider's arm of the same task cost (1 - `gain`) times as much (a warm cache or an artefact the sandbox kept), the others' gain nothing; pass 70%, costs sdlog 0.5; the truth is each arm alone, all equal",
    parameters: [{ name: 'gain', default: 0.2, min: 0, max: 0.9, about: "the share of A's cost saved when it runs second" }],
    arms: () => ({ a: { pass: 0.7, cost: 1, sdlog: 0.5 }, others: { pass: 0.7, cost: 1, sdlog: 0.5 } }),
    afterOther: (v) => 1 - (v.gain as number),
  },
  timeouts: {
    about: "A's failures run to a timeout at `size` times a passed arm's cost, the others' fail at a tenth; pass `pass`, costs sdlog 0.5",
    parameters: [
      { name: 'size', default: 10, min: 1, max: 1000, about: "a failed A arm's cost over a passed arm's" },
      { name: 'pass', default: 0.8, min: 0.05, max: 0.99, about: "every provider's pass chance" },
    ],
    arms: (v) => ({
      a: { pass: v.pass as number, cost: 1, sdlog: 0.5, failCost: v.size as number },
      others: { pass: v.pass as number, cost: 1, sdlog: 0.5, failCost: 0.1 },
    }),
  },
};

/** Whether `spec` names a family (`name` or `name:key=value,...`). */
export function isTailFamily(spec: string): boolean {
  return Object.hasOwn(TAIL_FAMILIES, spec.split(':')[0] as string);
}

/** The family's parameters read from `spec`, defaults filled in; a BAD_USAGE error naming `where` for anything else. */
export function parseFamilySpec(spec: string, where: string): { name: string; values: Record<string, number> } {
  const [name = '', rest] = spec.split(/:(.*)/s);
  const family = TAIL_FAMILIES[name];
  if (!family)
    throw new AppError('BAD_USAGE', `expected a family (${Object.keys(TAIL_FAMILIES).join(', ')}), got ${JSON.stringify(name)}`, { where });
  const values: Record<string, number> = Object.fromEntries(family.parameters.map((p) => [p.name, p.default]));
  for (const item of rest === undefined || rest === '' ? [] : rest.split(',')) {
    const [key = '', raw = ''] = item.split('=');
    const parameter = family.parameters.find((p) => p.name === key.trim());
    const value = Number(raw);
    if (!parameter)
      throw new AppError(
        'BAD_USAGE',
        `expected ${family.parameters.map((p) => p.name).join(' or ')} for ${name}, got ${JSON.stringify(item)}`,
        { where },
      );
    if (raw.trim() === '' || !Number.isFinite(value) || value < parameter.min || value > parameter.max)
      throw new AppError('BAD_USAGE', `expected ${key} from ${parameter.min} to ${parameter.max}, got ${JSON.stringify(raw)}`, { where });
    values[parameter.name] = value;
  }
  return { name, values };
}

/** The family's one-line description with its parameters' values. */
export function describeFamily(spec: string): string {
  const { name, values } = parseFamilySpec(spec, '--shape');
  const family = TAIL_FAMILIES[name] as Family;
  return `${family.about} (${family.parameters.map((p) => `${p.name}=${values[p.name]}`).join(', ')})`;
}

/** The model of a family spec for k providers: A's tail, every other priced to do A's true work per dollar. */
export function buildFamilyModel(base: ShapeModel, spec: string): ShapeModel {
  const { name, values } = parseFamilySpec(spec, '--shape');
  const family = TAIL_FAMILIES[name] as Family;
  const { a, others } = family.arms(values);
  const arms = Array.from({ length: base.providers }, (_, p) => (p === 0 ? { ...a } : { ...others }));
  const shared = family.shared === true ? { taskRho: 0.5, hardCostly: true } : {};
  const sized = family.sized === undefined ? {} : { taskRho: 0.5, taskCostSdlog: family.sized };
  const ahead = values.ahead !== undefined && values.ahead > 1 ? { design: { ahead: 0, ratio: values.ahead } } : {};
  const carried = family.afterOther
    ? { afterOther: Array.from({ length: base.providers }, (_, p) => (p === 0 ? (family.afterOther?.(values) ?? 1) : 1)) }
    : {};
  const model: ShapeModel = { ...base, ...shared, ...sized, ...ahead, ...carried, shape: spec, classes: [{ weight: 1, arms }] };
  const truth = computeShapeTruth(model);
  const target = truth.ratio[0] as number;
  for (let p = 1; p < base.providers; p += 1) {
    const arm = arms[p] as ArmModel;
    arm.cost *= (truth.ratio[p] as number) / target;
  }
  return model;
}

/** The families' help lines: each with its parameters. */
export function describeFamilies(): string[] {
  return Object.entries(TAIL_FAMILIES).map(
    ([name, family]) =>
      `${name}:${family.parameters.map((p) => `${p.name}=${p.default}`).join(',')}  ${family.about}; ${family.parameters.map((p) => `${p.name} ${p.min}-${p.max}: ${p.about}`).join('; ')}`,
  );
}
