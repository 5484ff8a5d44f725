// A pair's decision by the betting sequence: every task a look, the first decided look for good, budgets as the bound.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../ledger/index.js';
import { createSeededRandom } from '../stats/seeded-random.js';
import { decideRatioPair, type DecideOptions } from './decide-ratio-pair.js';
import type { RatioPair, RatioPairTask } from './pair-ratio-tasks.js';
import { buildShapeModel } from './simulate-experiments/build-shape-model.js';
import { capShapeModel } from './simulate-experiments/cap-shape-model.js';
import { drawExperiment, prepareShape } from './simulate-experiments/draw-experiment.js';

const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 60, enabled: true });
const plain: DecideOptions = { calibrationSe: 0, na: null, budget: { a: 5, b: 5 } };

function pairOf(tasks: Array<Omit<RatioPairTask, 'subject' | 'sequence' | 'completed_at'>>): RatioPair {
  return {
    a: 'A',
    b: 'B',
    unpaired: 0,
    tasks: tasks.map((t, i) => ({
      ...t,
      subject: `t${i}`,
      sequence: i % 2 === 0 ? 'AB' : 'BA',
      completed_at: new Date(Date.UTC(2026, 10, 25, 0, i)).toISOString(),
    })),
  };
}

/** A does the same work for a third of the dollars, with some scatter. */
const cheaper = Array.from({ length: 60 }, (_, i) => ({ qA: 1, cA: 0.3 + (i % 4) / 10, qB: 1, cB: 1 + (i % 3) / 10 }));

describe('decideRatioPair', () => {
  it('decides A ahead at the first look whose sequence leaves out every ratio up to 1, and keeps that decision', () => {
    const decided = decideRatioPair(pairOf(cheaper), rule, plain);
    expect(decided.outcome).toBe('a-ahead');
    expect(decided.decided_at).toBeGreaterThan(3);
    expect(decided.decided_at).toBeLessThan(40);
    const at = decided.looks[(decided.decided_at as number) - 1];
    expect(at?.low).toBeGreaterThanOrEqual(1);
    expect(at?.p).toBeLessThanOrEqual(0.05);
    // Before it, the looks were open, and their p above what a decision needs.
    for (const look of decided.looks.slice(0, (decided.decided_at as number) - 1)) expect(look.p).toBeGreaterThan(0.05);
    expect(decided.looks.slice((decided.decided_at as number) - 1).every((look) => look.state === 'a-ahead')).toBe(true);
    expect(decided.ratio).toBeGreaterThan(2.4);
    expect(decided.looks).toHaveLength(60);
    expect(decided.budget).toMatchObject({ a: 5, b: 5, registered: true, capped_a: 0, capped_b: 0 });
  });

  it('decides later under a looser budget: the bound is the price of the answer', () => {
    const tight = decideRatioPair(pairOf(cheaper), rule, plain);
    const loose = decideRatioPair(pairOf(cheaper), rule, { ...plain, budget: { a: 50, b: 50 } });
    expect(loose.decided_at ?? Number.POSITIVE_INFINITY).toBeGreaterThan(tight.decided_at as number);
  });

  it("stays open on noise, and the prices' calibration widens the interval and takes a share of alpha", () => {
    const tasks = Array.from({ length: 30 }, (_, i) => ({
      qA: i % 3 === 0 ? 0 : 1,
      cA: 1 + (i % 5) / 5,
      qB: i % 4 === 0 ? 0 : 1,
      cB: 1 + (i % 3) / 5,
    }));
    const open = decideRatioPair(pairOf(tasks), rule, plain);
    const calibrated = decideRatioPair(pairOf(tasks), rule, { ...plain, calibrationSe: 0.3 });
    expect(open.outcome).toBe('open');
    const width = (d: typeof open) => (d.last?.high ?? 0) / (d.last?.low ?? 1);
    expect(width(calibrated)).toBeGreaterThan(width(open));
    expect(calibrated.last?.threshold).toBeCloseTo(0.045, 12);
    expect(open.last?.threshold).toBe(0.05);
  });

  it('decides a provider that solved every task against one that solved none, without a special case', () => {
    const tasks = Array.from({ length: 30 }, (_, i) => ({ qA: 1, cA: 1 + (i % 3) / 10, qB: 0, cB: 1 + (i % 2) / 10 }));
    const decided = decideRatioPair(pairOf(tasks), rule, plain);
    expect(decided.outcome).toBe('a-ahead');
    expect(decided.ratio).toBe(Number.POSITIVE_INFINITY);
  });

  it('clips an arm past its budget to it, counts it, and bounds by the dearest arm when none was registered', () => {
    const tasks = cheaper.map((t, i) => (i === 2 ? { ...t, qB: 1, cB: 40 } : t));
    const decided = decideRatioPair(pairOf(tasks), rule, plain);
    expect(decided.budget?.capped_b).toBe(1);
    const unregistered = decideRatioPair(pairOf(tasks), rule, { ...plain, budget: null });
    expect(unregistered.budget).toMatchObject({ registered: false, b: 40 });
  });

  it('is n/a, naming the reason, when a price is unknown', () => {
    const decided = decideRatioPair(pairOf([]), rule, { ...plain, na: "B's cost is unknown: its 5h bar moved 0%" });
    expect(decided).toMatchObject({ outcome: 'n/a', ratio: null, na: "B's cost is unknown: its 5h bar moved 0%" });
  });

  it('settles a pair within the relevant difference once its sequence fits inside it', () => {
    // Twins: they pass and fail the same tasks at the same cost.
    const tasks = Array.from({ length: 600 }, (_, i) => {
      const q = i % 4 === 0 ? 0 : 1;
      return { qA: q, cA: 1 + (i % 2) / 100, qB: q, cB: 1 + ((i + 1) % 2) / 100 };
    });
    const twins = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 600, enabled: true });
    expect(decideRatioPair(pairOf(tasks), twins, { ...plain, budget: { a: 2, b: 2 } }).outcome).toBe('within-margin');
  });

  it('gives the decision of the whole sequence in its line form on random pairs, and stops where asked', () => {
    let agree = 0;
    let decided = 0;
    for (let seed = 0; seed < 40; seed += 1) {
      const random = createSeededRandom(`lines:${seed}`);
      const edge = 0.3 + 0.6 * random();
      const tasks = Array.from({ length: 40 }, () => ({
        qA: random() < edge ? 1 : 0,
        cA: random() < 0.05 ? 1 : 0.05 + random() / 5,
        qB: random() < 0.5 ? 1 : 0,
        cB: 0.1 + random() / 4,
      }));
      const tight = { ...plain, budget: { a: 1, b: 1 } };
      const whole = decideRatioPair(pairOf(tasks), rule, tight);
      const lines = decideRatioPair(pairOf(tasks), rule, { ...tight, lines: true });
      if (whole.outcome === lines.outcome && whole.decided_at === lines.decided_at) agree += 1;
      if (whole.decided_at !== null) decided += 1;
      const asked: number[] = [];
      const stopped = decideRatioPair(pairOf(tasks), rule, { ...tight, lines: true, stopAt: 'crossing', prepare: (n) => asked.push(n) });
      const last = stopped.looks.at(-1)?.n ?? 0;
      expect(last).toBe(lines.decided_at ?? 40);
      // Every task is prepared for once, up to the stop (the looks kept are only those where the state changed).
      expect(asked).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    }
    // Both decide in some of these runs, or the agreement would prove nothing about deciding.
    expect(decided).toBeGreaterThanOrEqual(5);
    expect(agree).toBeGreaterThanOrEqual(38);
  });

  it('decides about as often whichever of the pair is listed first: a heavy-tailed provider second costs no power', () => {
    // ADR 0041's addendum: the nuisance bet always on B's statistic named A ahead in 49% of these runs and B (listed
    // second, the same shape) in 11%.
    const model = capShapeModel(buildShapeModel('two-tails:ahead=2', 2), 5);
    const [budgetA, budgetB] = model.budgets as [number, number];
    const prepared = prepareShape(model);
    const random = createSeededRandom('orders');
    const named = { first: 0, second: 0 };
    for (let run = 0; run < 100; run += 1) {
      const tasks = (drawExperiment(prepared, 80, random).pairs[0] as { tasks: RatioPairTask[] }).tasks;
      const stop = { calibrationSe: 0, na: null, lines: true, stopAt: 'crossing' } as const;
      if (
        decideRatioPair({ a: 'A', b: 'B', unpaired: 0, tasks }, rule, { ...stop, budget: { a: budgetA, b: budgetB } }).outcome === 'a-ahead'
      )
        named.first += 1;
      const swapped = tasks.map((t) => ({ ...t, qA: t.qB, cA: t.cB, qB: t.qA, cB: t.cA }));
      if (
        decideRatioPair({ a: 'B', b: 'A', unpaired: 0, tasks: swapped }, rule, { ...stop, budget: { a: budgetB, b: budgetA } }).outcome ===
        'b-ahead'
      )
        named.second += 1;
    }
    expect(named.first).toBeGreaterThan(30);
    expect(named.second).toBeGreaterThan(0.75 * named.first);
  });
});
