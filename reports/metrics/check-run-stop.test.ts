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
});
