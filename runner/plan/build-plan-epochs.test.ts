// Epochs in a plan: K = 1 is the plan as before (id, arms), K > 1 repeats it after, each task in its own sequence.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssignmentRowSchema } from '../../ledger/index.js';
import { nameArmWindow } from '../../ledger/runs/index.js';
import { buildPlan } from './build-plan.js';
import { recordPlan } from './record-plan.js';

const request = {
  seed: '7',
  providers: ['claude', 'codex'],
  taskIds: ['alpha-task', 'bravo-task', 'charlie-task', 'delta-task', 'echo-task'],
};

describe('buildPlan with epochs', () => {
  it('keeps the id of a plan without epochs when K = 1 (the id docs/examples and plan.feature pin)', () => {
    expect(buildPlan(request).plan_id).toBe('plan-0c329142a90e');
    expect(buildPlan({ ...request, epochs: 1 })).toEqual(buildPlan(request));
  });

  it('puts epoch 1 first, exactly as the plan without epochs, then repeats every arm in the same sequences', () => {
    const once = buildPlan(request);
    const thrice = buildPlan({ ...request, epochs: 3 });
    expect(thrice.plan_id).not.toBe(once.plan_id);
    expect(thrice.epochs).toBe(3);
    expect(thrice.tasks).toEqual(once.tasks);
    expect(thrice.arms).toHaveLength(3 * once.arms.length);
    const n = once.arms.length;
    for (const [i, arm] of thrice.arms.entries()) {
      const base = once.arms[i % n];
      expect({ ...arm, arm_index: i % n, epoch: 1 }).toEqual(base);
      expect(arm.epoch).toBe(Math.floor(i / n) + 1);
      expect(arm.arm_index).toBe(i);
    }
    // Window ids of epoch 1 are the ones a plan without epochs had (arm index and provider), under the new plan id.
    expect(nameArmWindow(thrice.plan_id, 0, 'codex', 1)).toBe(`${thrice.plan_id}-a001-codex`);
  });

  it('refuses K outside 1..20, naming --epochs and the value', () => {
    for (const epochs of [0, 21, 1.5, Number.NaN])
      expect(() => buildPlan({ ...request, epochs })).toThrow(`--epochs must be a whole number from 1 to 20, got ${epochs}`);
  });

  it('records epoch and epochs on assignment rows only when K > 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-epochs-'));
    const ctx = { agentId: 'main', source: 'runner' as const };
    recordPlan(dir, buildPlan(request), ctx);
    recordPlan(dir, buildPlan({ ...request, epochs: 2 }), ctx);
    const rows = readFileSync(join(dir, 'assignments.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => AssignmentRowSchema.parse(JSON.parse(line)));
    const [plain, repeated] = [rows.slice(0, 10), rows.slice(10)];
    expect(plain.every((row) => row.epoch === undefined && row.epochs === undefined)).toBe(true);
    expect(repeated).toHaveLength(20);
    expect(repeated.map((row) => row.epoch)).toEqual([...Array(10).fill(1), ...Array(10).fill(2)]);
    expect(repeated.every((row) => row.epochs === 2)).toBe(true);
  });
});
