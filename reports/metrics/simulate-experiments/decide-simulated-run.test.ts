// A simulated run decides as the runner and the report would: analyzeWorkPerDollar and decidePlanStop replayed after every arm agree.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../../ledger/index.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { makeWindowMetrics } from '../../test-fixtures/make-window-metrics.js';
import { analyzeWorkPerDollar } from '../analyze-work-per-dollar.js';
import type { WindowMetrics } from '../compute-window-metrics.js';
import { decidePlanStop } from '../decide-plan-stop.js';
import { buildShapeModel, type DecisionShape } from './build-shape-model.js';
import { capShapeModel } from './cap-shape-model.js';
import { computeShapeTruth } from './compute-shape-truth.js';
import { decideSimulatedRun } from './decide-simulated-run.js';
import { drawExperiment, prepareShape, type SimulatedExperiment } from './draw-experiment.js';

const NAMES = ['A', 'B', 'C', 'D'];
/** What the replays below went through, so the last test can say they reached early stops, decisions and leaders. */
const tally = { early: 0, decided: 0, leaders: 0 };

/** The experiment's arms as the ledger would hold them (task-level, priced in dollars), each completed at its arm's minute. */
function toWindows(experiment: SimulatedExperiment, upToArm: number): WindowMetrics[] {
  const windows: WindowMetrics[] = [];
  experiment.armAt.forEach((at, p) => {
    at.forEach((arm, i) => {
      if (arm > upToArm) return;
      const completed = new Date(Date.UTC(2026, 0, 1) + arm * 60_000).toISOString();
      windows.push(
        makeWindowMetrics(NAMES[p] as string, `t${i}`, null, null, {
          unit: 'usd',
          usd: experiment.dollars[p]?.[i] as number,
          quality: experiment.quality[p]?.[i] as number,
          window_id: `${p}-${i}`,
          started_at: completed,
          completed_at: completed,
          // A planned task of k providers: it enters the pairs with its last arm (pairRatioTasks).
          plan_id: 'plan-replay',
          sequence: NAMES.slice(0, experiment.quality.length).join(''),
        }),
      );
    });
  });
  return windows;
}

describe('decideSimulatedRun', () => {
  // The runner's stop and leader, replayed arm by arm, with the whole grid the runner reads (the simulations' line form
  // is measured against it in the slow tier), budgets registered as the shapes' (each arm capped at 2x a passed arm).
  it.each([
    ['ahead-2', 2, 100],
    ['cheap-fails-often', 2, 30],
    ['ahead-2', 3, 100],
    ['period', 3, 20],
  ] as [DecisionShape, number, number][])(
    "stops where decidePlanStop first would and names analyzeWorkPerDollar's leader: %s, %i providers, %i tasks",
    (shape, k, n) => {
      const model = capShapeModel(buildShapeModel(shape, k), 2);
      const truth = computeShapeTruth(model);
      const budgets = model.budgets as number[];
      const byName = new Map(budgets.map((budget, p) => [NAMES[p] as string, budget]));
      const rule = buildSequentialRule({ providers: k, alpha: 0.05, minEffect: 0.2, plannedTasks: n, enabled: true });
      const random = createSeededRandom(`replay/${shape}/${k}`);
      const providers = NAMES.slice(0, k);
      for (let run = 0; run < 3; run += 1) {
        const experiment = drawExperiment(prepareShape(model), n, random);
        const decision = decideSimulatedRun(experiment, rule, truth, budgets, 'grid');
        let stopArm = experiment.arms - 1;
        let primary = analyzeWorkPerDollar(toWindows(experiment, stopArm), {
          providers,
          unit: 'usd',
          rule,
          calibrations: [],
          alpha: 0.05,
          budgets: byName,
        });
        for (let arm = Math.min(...experiment.pairs.map((pair) => pair.completedAt[0] as number)); arm < experiment.arms; arm += 1) {
          const windows = toWindows(experiment, arm);
          const seen = analyzeWorkPerDollar(windows, { providers, unit: 'usd', rule, calibrations: [], alpha: 0.05, budgets: byName });
          if (decidePlanStop(windows, seen, rule, () => true).stop !== null) {
            [stopArm, primary] = [arm, seen];
            break;
          }
        }
        tally.early += decision.stoppedEarly ? 1 : 0;
        tally.decided += decision.decidedPairs;
        tally.leaders += decision.leader === null ? 0 : 1;
        expect(decision.armsRun).toBe(stopArm + 1);
        expect(decision.tasks).toBe(primary.tasks);
        expect(decision.leader === null ? null : providers[decision.leader]).toBe(primary.leader);
        expect(decision.states).toEqual(primary.pairs.map((pair) => (pair.outcome === 'n/a' ? 'open' : pair.outcome)));
      }
    },
  );

  it('went through early stops, decided pairs and named leaders', () => {
    expect(tally.early).toBeGreaterThan(0);
    expect(tally.decided).toBeGreaterThan(2);
    expect(tally.leaders).toBeGreaterThan(1);
  });
});
