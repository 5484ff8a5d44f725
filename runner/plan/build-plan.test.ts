// buildPlan is deterministic per seed, balances sequences and interleaves them within every period.
import { describe, expect, it } from 'vitest';
import { buildPlan, type Plan } from './build-plan.js';

const taskIds = (n: number): string[] => Array.from({ length: n }, (_, i) => `task-${String(i).padStart(2, '0')}`);

function countSequences(plan: Plan): number[] {
  const counts = new Map<string, number>();
  for (const task of plan.tasks) counts.set(task.sequence, (counts.get(task.sequence) ?? 0) + 1);
  return [...counts.values()];
}

describe('buildPlan', () => {
  it('gives an identical plan for the same seed', () => {
    const a = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: taskIds(9) });
    const b = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: taskIds(9).reverse() });
    expect(b).toEqual(a);
    expect(JSON.stringify(b, null, 2)).toBe(JSON.stringify(a, null, 2));
  });

  it('shuffles differently for another seed', () => {
    const a = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: taskIds(12) });
    const b = buildPlan({ seed: '8', providers: ['claude', 'codex'], taskIds: taskIds(12) });
    expect(b.tasks.map((t) => t.task_id)).not.toEqual(a.tasks.map((t) => t.task_id));
  });

  it('keeps the plan id stable and tied to seed, providers and tasks', () => {
    const plan = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: taskIds(5) });
    expect(plan.plan_id).toMatch(/^plan-[0-9a-f]{12}$/);
    expect(buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: taskIds(5) }).plan_id).toBe(plan.plan_id);
    expect(buildPlan({ seed: '7', providers: ['codex', 'claude'], taskIds: taskIds(5) }).plan_id).not.toBe(plan.plan_id);
    expect(buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: taskIds(6) }).plan_id).not.toBe(plan.plan_id);
    expect(buildPlan({ seed: '8', providers: ['claude', 'codex'], taskIds: taskIds(5) }).plan_id).not.toBe(plan.plan_id);
  });

  for (const n of [1, 2, 5, 8, 11]) {
    it(`balances AB and BA within one for ${n} tasks`, () => {
      for (const seed of ['1', '2', '3', 'x']) {
        const plan = buildPlan({ seed, providers: ['claude', 'codex'], taskIds: taskIds(n) });
        const counts = Object.values(plan.sequence_counts);
        expect(Object.keys(plan.sequence_counts)).toEqual(['AB', 'BA']);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        expect(counts.reduce((s, c) => s + c, 0)).toBe(n);
      }
    });
  }

  it('mixes both sequences in every period and runs periods in order', () => {
    for (const n of [2, 3, 7]) {
      const plan = buildPlan({ seed: 's', providers: ['claude', 'codex'], taskIds: taskIds(n) });
      expect(plan.arms).toHaveLength(2 * n);
      expect(plan.arms.map((a) => a.period)).toEqual([...Array(n).fill(1), ...Array(n).fill(2)]);
      expect(plan.arms.map((a) => a.arm_index)).toEqual(plan.arms.map((_, i) => i));
      for (const period of [1, 2])
        expect(new Set(plan.arms.filter((a) => a.period === period).map((a) => a.sequence))).toEqual(new Set(['AB', 'BA']));
      for (const task of plan.tasks)
        expect(plan.arms.filter((a) => a.task_id === task.task_id).map((a) => a.provider)).toEqual(task.providers);
    }
  });

  it('uses a Williams design for three or more providers', () => {
    const three = buildPlan({ seed: '7', providers: ['claude', 'codex', 'glm'], taskIds: taskIds(13) });
    expect(three.design).toBe('williams');
    expect(Object.keys(three.sequence_counts)).toHaveLength(6);
    expect(Math.max(...countSequences(three)) - Math.min(...countSequences(three))).toBeLessThanOrEqual(1);
    const four = buildPlan({ seed: '7', providers: ['a1', 'b2', 'c3', 'd4'], taskIds: taskIds(9) });
    expect(Object.keys(four.sequence_counts)).toEqual(['ABDC', 'BCAD', 'CDBA', 'DACB']);
    for (const task of four.tasks) expect(new Set(task.providers).size).toBe(4);
  });

  it('refuses an empty seed, too few or repeated providers, and no tasks', () => {
    expect(() => buildPlan({ seed: '', providers: ['a1', 'b2'], taskIds: taskIds(2) })).toThrow(/seed/);
    expect(() => buildPlan({ seed: '1', providers: ['a1'], taskIds: taskIds(2) })).toThrow(/providers/);
    expect(() => buildPlan({ seed: '1', providers: ['a1', 'a1'], taskIds: taskIds(2) })).toThrow(/repeat/);
    expect(() => buildPlan({ seed: '1', providers: ['a1', 'b2'], taskIds: [] })).toThrow(/no tasks/);
  });
});
