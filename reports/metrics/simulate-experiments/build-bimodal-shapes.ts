// The shapes whose costs are bimodal as real agents' are: a failed arm costs 5-20x less than a solved one, or runs away (pure).
import type { ArmModel, ShapeModel, TaskClass } from './shape-model-types.js';

/** The pass chances of fails-cheap-often's providers (A first), as cheap-fails-often's. */
const PASSES = [0.3, 0.9, 0.6, 0.45];

/**
 * A task's size scales every arm of it (the seed-2718 runs of the built-in providers: solved arms of one task cost
 * within a few per cent of each other across providers, sizes spread over an order of magnitude), and an arm's own
 * noise is small; a failed arm costs a fixed fraction of a passed one (there, about a tenth).
 */
export function buildBimodalShape(base: ShapeModel, shape: string): ShapeModel | null {
  const k = base.providers;
  const only = (arms: ArmModel[]): TaskClass[] => [{ weight: 1, arms }];
  const same = (arm: ArmModel): ArmModel[] => Array.from({ length: k }, () => ({ ...arm }));
  const tenth: ArmModel = { pass: 0.6, cost: 1, sdlog: 0.3, failCost: 0.1 };
  const sized = { ...base, taskCostSdlog: 0.8 };
  switch (shape) {
    case 'cheap-failures':
      return { ...sized, classes: only(same(tenth)) };
    case 'fails-cheap-often':
      // Equal work per dollar: pass / (cost (pass + (1 - pass) failCost)) the same for every provider (0.9 at PASSES).
      return {
        ...sized,
        classes: only(PASSES.slice(0, k).map((pass) => ({ ...tenth, pass, cost: pass / (0.9 * (pass + (1 - pass) * 0.1)) }))),
      };
    case 'cheap-failures-20':
      return { ...base, taskCostSdlog: 1, classes: only(same({ pass: 0.5, cost: 1, sdlog: 0.5, failCost: 0.05 })) };
    case 'runaway':
      return { ...base, classes: only(same({ pass: 0.7, cost: 1, sdlog: 0.5, runaway: { share: 0.05, cost: 15 } })) };
    case 'fails-cheap-ahead-1.5':
      return {
        ...sized,
        classes: only(same(tenth).map((arm, p) => (p === 0 ? { ...arm, cost: arm.cost / 1.5 } : arm))),
        design: { ahead: 0, ratio: 1.5 },
      };
    default:
      return null;
  }
}
