// A pair's group-sequential decision: looks replayed in task order, the first crossing decides, degenerate data bounded.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../ledger/index.js';
import { createSeededRandom } from '../stats/seeded-random.js';
import { decideRatioPair } from './decide-ratio-pair.js';
import type { RatioPair, RatioPairTask } from './pair-ratio-tasks.js';
import { scheduleLooks } from './schedule-looks.js';

const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 20, enabled: true, tailGuard: 1 });

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

describe('scheduleLooks', () => {
  it("looks from a fifth of the planned tasks (at least 5) after every task, spending alpha by O'Brien-Fleming", () => {
    const looks = scheduleLooks(rule, 20);
    expect(looks.map((l) => l.n)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(looks.at(-1)?.fraction).toBe(1);
    // Early looks need overwhelming evidence; the last one little more than a fixed-n test.
    expect(looks[0]?.nominalAlpha).toBeLessThan(1e-4);
    expect(looks.at(-1)?.nominalAlpha).toBeGreaterThan(0.02);
    expect(looks.at(-1)?.nominalAlpha).toBeLessThan(0.05);
    expect(scheduleLooks(rule, 4)).toEqual([]);
  });

  it('takes one final look at the planned tasks when the plan registered no early stop', () => {
    const fixed = { ...rule, rule: 'none' as const };
    expect(scheduleLooks(fixed, 19)).toEqual([]);
    const [only] = scheduleLooks(fixed, 20);
    expect(only?.n).toBe(20);
    expect(only?.nominalAlpha).toBeCloseTo(0.05, 12);
  });
});

describe('decideRatioPair', () => {
  it('decides A ahead at the first look whose repeated interval excludes 1, and keeps that decision', () => {
    // A does the same work for a third of the dollars, with some scatter.
    const tasks = Array.from({ length: 20 }, (_, i) => ({ qA: 1, cA: 1 + (i % 4) / 10, qB: 1, cB: 3 + (i % 3) / 10 }));
    const decided = decideRatioPair(pairOf(tasks), rule, 0, null);
    expect(decided.outcome).toBe('a-ahead');
    // Both passed every task: their quality counts as if 2 of n + 4 could fail, so costs alone do not decide at the
    // first looks' 1e-5 levels (it was 6 tasks before the quality floor).
    expect(decided.decided_at).toBe(9);
    expect(decided.ratio).toBeGreaterThan(2.5);
    expect(decided.last?.low).toBeGreaterThan(1);
    expect(decided.looks).toHaveLength(16);
  });

  it('does not name a provider ahead on costs its tasks cannot yet vouch for: a runaway it has not met', () => {
    // A looks three times as cheap; 20 tasks cannot rule out A's arms running away at 60x on 3 / 20 of them.
    const tasks = Array.from({ length: 20 }, (_, i) => ({ qA: 1, cA: 1 + (i % 4) / 10, qB: 1, cB: 3 + (i % 3) / 10 }));
    const guarded = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 20, enabled: true, tailGuard: 60 });
    const open = decideRatioPair(pairOf(tasks), guarded, 0, null);
    expect(open.outcome).toBe('open');
    // The same interval as without the guard, widened by 1 + 3 x 59 / 20 each way.
    const plain = decideRatioPair(pairOf(tasks), rule, 0, null);
    expect(plain.outcome).toBe('a-ahead');
    expect((open.last?.low as number) * (1 + (3 * 59) / 20)).toBeCloseTo(plain.last?.low as number, 9);
    expect(open.last?.high as number).toBeCloseTo((plain.last?.high as number) * (1 + (3 * 59) / 20), 9);
    // A guard of 2 leaves 1 + 3 / 20 of room: three times as cheap still decides.
    const small = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 20, enabled: true, tailGuard: 2 });
    expect(decideRatioPair(pairOf(tasks), small, 0, null).outcome).toBe('a-ahead');
  });

  it("stays open on noise, and widens with the prices' calibration", () => {
    const tasks = Array.from({ length: 20 }, (_, i) => ({
      qA: i % 3 === 0 ? 0 : 1,
      cA: 1 + (i % 5) / 5,
      qB: i % 4 === 0 ? 0 : 1,
      cB: 1 + (i % 3) / 5,
    }));
    const plain = decideRatioPair(pairOf(tasks), rule, 0, null);
    const calibrated = decideRatioPair(pairOf(tasks), rule, 0.3, null);
    expect(plain.outcome).toBe('open');
    expect((calibrated.last?.high ?? 0) / (calibrated.last?.low ?? 1)).toBeGreaterThan((plain.last?.high ?? 0) / (plain.last?.low ?? 1));
    expect(calibrated.log_se).toBeGreaterThan(plain.log_se ?? 0);
  });

  it('decides a provider that solved every task against one that solved none by an exact bound', () => {
    const tasks = Array.from({ length: 15 }, (_, i) => ({ qA: 1, cA: 1 + (i % 3) / 10, qB: 0, cB: 1 + (i % 2) / 10 }));
    const decided = decideRatioPair(pairOf(tasks), { ...rule, planned_tasks: 15, first_look: 5 }, 0, null);
    expect(decided.outcome).toBe('a-ahead');
    expect(decided.last?.basis).toBe('exact-bound');
    expect(decided.ratio).toBe(Number.POSITIVE_INFINITY);
  });

  it('is n/a, naming the reason, when a price is unknown', () => {
    const decided = decideRatioPair(pairOf([]), rule, 0, "B's cost is unknown: its 5h bar moved 0%");
    expect(decided).toMatchObject({ outcome: 'n/a', ratio: null, na: "B's cost is unknown: its 5h bar moved 0%" });
  });

  it('settles a pair within the relevant difference once its repeated interval fits inside it', () => {
    // Twins: they pass and fail the same tasks at the same cost.
    const tasks = Array.from({ length: 20 }, (_, i) => {
      const q = i % 4 === 0 ? 0 : 1;
      return { qA: q, cA: 1 + (i % 2) / 100, qB: q, cB: 1 + ((i + 1) % 2) / 100 };
    });
    expect(decideRatioPair(pairOf(tasks), rule, 0, null).outcome).toBe('within-margin');
  });

  it('gives every look the state the whole decision gives when only the states are asked for', () => {
    // Heavy-tailed costs (a runaway arm now and then) lower the df, so the quantile a look would use varies.
    let skipped = 0;
    for (let seed = 0; seed < 150; seed += 1) {
      const random = createSeededRandom(`states:${seed}`);
      const edge = 0.3 + 0.6 * random();
      const tasks = Array.from({ length: 60 }, () => ({
        qA: random() < edge ? 1 : 0,
        cA: (random() < 0.05 ? 20 : 1) * (0.5 + random()),
        qB: random() < 0.6 ? 1 : 0,
        cB: 0.5 + random(),
      }));
      const looseRule = { ...rule, planned_tasks: 60 };
      for (const calibration of [0, 0.05]) {
        const whole = decideRatioPair(pairOf(tasks), looseRule, calibration, null);
        const states = decideRatioPair(pairOf(tasks), looseRule, calibration, null, { detail: false });
        expect({ seed, states: states.looks.map((look) => look.state) }).toEqual({ seed, states: whole.looks.map((look) => look.state) });
        expect({ seed, outcome: states.outcome, at: states.decided_at }).toEqual({ seed, outcome: whole.outcome, at: whole.decided_at });
        skipped += states.looks.filter((look) => look.low === null && look.basis === 'delta-method').length;
      }
    }
    // Most looks are ruled out cheaply, or this would test nothing of the shortcut.
    expect(skipped).toBeGreaterThan(1000);
  });

  it('stops reading at the first crossing or settled look with the outcome the whole decision gives', () => {
    const stops = { crossing: 0, settled: 0 };
    for (let seed = 0; seed < 200; seed += 1) {
      const random = createSeededRandom(`stop:${seed}`);
      const edge = 0.2 + 0.6 * random();
      // Every fourth pair is two near-twins, which settle within the relevant difference before the last look.
      const twins = seed % 4 === 0;
      const tasks = Array.from({ length: 20 }, () => {
        const shared = random() < 0.75 ? 1 : 0;
        return {
          qA: twins ? shared : random() < edge ? 1 : 0,
          cA: twins ? 1 + random() / 50 : 0.5 + random(),
          qB: twins ? shared : random() < 0.3 ? 1 : 0,
          cB: twins ? 1 + random() / 50 : 0.5 + random(),
        };
      });
      const full = decideRatioPair(pairOf(tasks), rule, 0.05, null, { detail: false });
      const crossing = decideRatioPair(pairOf(tasks), rule, 0.05, null, { detail: false, stopAt: 'crossing' });
      expect({ seed, outcome: crossing.outcome, at: crossing.decided_at }).toEqual({ seed, outcome: full.outcome, at: full.decided_at });
      expect(crossing.looks.at(-1)?.n).toBe(full.decided_at ?? full.looks.at(-1)?.n);
      const first = full.looks.find((look) => look.state !== 'open');
      // The tasks are asked for before each look reads them, in order, and never beyond where the run stopped.
      const asked: number[] = [];
      const settled = decideRatioPair(pairOf(tasks), rule, 0.05, null, { detail: false, stopAt: 'settled', prepare: (n) => asked.push(n) });
      expect(asked).toEqual(settled.looks.map((look) => look.n));
      expect({ seed, last: settled.looks.at(-1) }).toEqual({ seed, last: first ?? full.looks.at(-1) });
      if (crossing.looks.length < full.looks.length) stops.crossing += 1;
      if (settled.looks.length < full.looks.length) stops.settled += 1;
    }
    // Both stops happen in these runs, or the equalities above would prove nothing about stopping.
    expect(stops.crossing).toBeGreaterThan(5);
    expect(stops.settled).toBeGreaterThan(stops.crossing);
  });
});
