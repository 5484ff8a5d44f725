// The carry-over check on the decision's scale: n/a below 3 tasks an order, blind to a period effect, and it finds and sizes one-sided carry-over.
import { describe, expect, it } from 'vitest';
import { checkCarryOver, type OrderedTask } from './check-carry-over.js';

/** Tasks in alternating orders; `cost` gives each side's dollars from the task's index, its order and whether it ran second. */
function buildTasks(n: number, cost: (i: number, side: 'A' | 'B', second: boolean) => number): OrderedTask[] {
  return Array.from({ length: n }, (_, i) => {
    const sequence = i % 2 === 0 ? ('AB' as const) : ('BA' as const);
    const qA = i % 3 === 0 ? 0 : 1;
    const qB = i % 5 === 0 ? 0 : 1;
    return { sequence, qA, qB, cA: cost(i, 'A', sequence === 'BA'), cB: cost(i, 'B', sequence === 'AB') };
  });
}

const size = (i: number): number => 1 + ((i * 7919) % 13) / 10;

describe('checkCarryOver', () => {
  it('is n/a with fewer than 3 tasks run in one of the orders', () => {
    const check = checkCarryOver(
      buildTasks(5, () => 1),
      0.05,
    );
    expect(check.na).toMatch(/3 tasks run in each order \(A first 3, B first 2\)/);
    expect(check.found).toBe(false);
    expect(check.bias).toBeNull();
  });

  it('does not mistake a period effect (every second arm cheaper, whoever runs it) for carry-over', () => {
    const tasks = buildTasks(40, (i, _side, second) => size(i) * (second ? 0.7 : 1));
    const plain = checkCarryOver(
      buildTasks(40, (i) => size(i)),
      0.05,
    );
    const check = checkCarryOver(tasks, 0.05);
    expect(check.difference).toBeCloseTo(plain.difference as number, 12);
    expect(check.found).toBe(false);
  });

  it("finds A gaining when it runs second, and sizes the pair's bias as half the contrast", () => {
    const check = checkCarryOver(
      buildTasks(60, (i, side, second) => size(i) * (side === 'A' && second ? 0.5 : 1)),
      0.05,
    );
    const plain = checkCarryOver(
      buildTasks(60, (i) => size(i)),
      0.05,
    );
    // Halving A's cost on its BA tasks doubles both sides' work per $ there: ln 2 more than without it.
    expect((check.difference as number) - (plain.difference as number)).toBeCloseTo(Math.log(2), 1);
    expect(check.found).toBe(true);
    expect(check.p).toBeLessThan(0.05);
    expect(check.bias as number).toBeGreaterThan(1.3);
    expect(check.bias_low as number).toBeLessThan(check.bias as number);
    expect(check.detectable_bias as number).toBeGreaterThan(1);
  });

  it('says when a side did no correct work in one order', () => {
    const tasks = buildTasks(12, () => 1).map((task) => (task.sequence === 'AB' ? { ...task, qA: 0 } : task));
    expect(checkCarryOver(tasks, 0.05).na).toMatch(/no correct work/);
  });
});
