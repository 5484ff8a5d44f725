// The run's stop rules on finalized windows: capture halt, no decision before 4 pairs, a clear winner.
import { describe, expect, it } from 'vitest';
import type { ReportWindow } from '../../ledger/index.js';
import { checkRunStop } from './check-run-stop.js';

function window(provider: string, task: number, delta: number | null, extra: Partial<ReportWindow> = {}): ReportWindow {
  return {
    agent_id: 'main-w1',
    provider,
    window_id: `${provider}-${task}`,
    feature_id: `task-${task}`,
    methodology: 'run',
    quality: 1,
    outcome: 'success',
    capacity: { unit: 'pct_5h', before: 10, after: delta === null ? null : 10 + delta, delta },
    errors: delta === null ? ['negative-delta'] : [],
    started_at: null,
    ended_at: null,
    completed_at: `2026-11-21T10:${String(task).padStart(2, '0')}:00Z`,
    plan_id: 'plan-x',
    sequence: task % 2 ? 'AB' : 'BA',
    period: provider === 'a' ? 1 + (task % 2 ? 0 : 1) : 1 + (task % 2),
    ...extra,
  };
}

describe('checkRunStop', () => {
  it('halts a provider whose captures keep failing', () => {
    expect(checkRunStop([window('a', 1, null), window('a', 2, 0.3)], ['a', 'b'], { tuningN: 10 })).toMatch(
      /^a: halt the arm and fix capture/,
    );
  });

  it('goes on below 4 pairs, and stops once A is clearly better', () => {
    const pairs = (n: number) =>
      Array.from({ length: n }, (_, i) => [window('a', i + 1, 0.2 + i * 0.001), window('b', i + 1, 0.5 + i * 0.002)]).flat();
    expect(checkRunStop(pairs(3), ['a', 'b'], { tuningN: 10 })).toBeNull();
    expect(checkRunStop(pairs(8), ['a', 'b'], { tuningN: 10 })).toMatch(/^sequential rule \(superiority-A, A=a, B=b\)/);
  });

  it('counts a task once, as the mean of all its epochs, never an epoch as a task', () => {
    const runs = (tasks: number, epochs: number) =>
      Array.from({ length: epochs }, (_, e) =>
        Array.from({ length: tasks }, (_, i) =>
          ['a', 'b'].map((p) =>
            window(p, i + 1, p === 'a' ? 0.2 + i * 0.001 + e * 0.0001 : 0.5 + i * 0.002, {
              window_id: `${p}-${i + 1}-e${e + 1}`,
              epoch: e + 1,
            }),
          ),
        ),
      ).flat(2);
    // 3 tasks x 3 epochs are 3 tasks, below the rule's 4, though 9 runs of each provider would be enough pairs.
    expect(checkRunStop(runs(3, 3), ['a', 'b'], { tuningN: 10, epochs: 3 })).toBeNull();
    // 8 tasks with only their first of 2 epochs done: no task is finished, so nothing to judge yet.
    expect(checkRunStop(runs(8, 1), ['a', 'b'], { tuningN: 10, epochs: 2 })).toBeNull();
    expect(checkRunStop(runs(8, 2), ['a', 'b'], { tuningN: 10, epochs: 2 })).toMatch(/^sequential rule \(superiority-A, A=a, B=b\)/);
  });
});
