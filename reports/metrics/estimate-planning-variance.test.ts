// The planning variance: earlier paired windows split by task, one run per task counted whole, too little data the default.
import { describe, expect, it } from 'vitest';
import type { ReportWindow } from '../../ledger/index.js';
import { computeVarianceComponents } from '../stats/variance-components.js';
import { DEFAULT_PLANNING_VARIANCE, estimatePlanningVariance } from './estimate-planning-variance.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';

function window(provider: string, task: number, quality: number, epoch?: number): ReportWindow {
  return {
    agent_id: 'main',
    provider,
    window_id: `w-${provider}-${task}-${epoch ?? 0}`,
    feature_id: `T${task}`,
    methodology: 'manual',
    quality,
    outcome: 'success',
    errors: [],
    capacity: { unit: 'pct_5h', before: 0, after: 10, delta: 10 },
    started_at: null,
    ended_at: null,
    completed_at: '2026-11-21T10:00:00Z',
    plan_id: 'plan-x',
    ...(epoch === undefined ? {} : { epoch }),
  };
}

const QUALITY = [
  [0.9, 0.7, 0.8],
  [0.5, 0.6, 0.4],
  [0.3, 0.35, 0.2],
  [0.6, 0.9, 0.75],
];
const options = { reference: 'b', estimand: 'bars' as const };
// A's efficiency q / 10 against B's 0.5 / 10: the share gap 2 x A / (A + B) - 1 = (q - 0.5) / (q + 0.5).
const gap = (q: number): number => (q - 0.5) / (q + 0.5);

describe('estimatePlanningVariance', () => {
  it('splits the per-epoch share gaps A - B of earlier windows into between- and within-task parts', () => {
    const windows = QUALITY.flatMap((row, task) => row.flatMap((q, e) => [window('a', task, q, e + 1), window('b', task, 0.5, e + 1)]));
    const result = estimatePlanningVariance(makeReportLedger(windows), ['a', 'b'], options);
    const expected = computeVarianceComponents(QUALITY.map((row) => row.map(gap)));
    expect(result.source).toBe('earlier-windows');
    expect(result.between).toBeCloseTo(expected.between as number, 15);
    expect(result.within).toBeCloseTo(expected.within as number, 15);
    expect(result.reference_mean).toBeCloseTo(0.05, 15);
    expect(result.windows).toBe(24);
    expect(result.tasks).toEqual(['T0', 'T1', 'T2', 'T3']);
    expect(result.description).toBe('24 earlier windows of a and b on 4 tasks (12 paired runs, up to 3 per task)');
  });

  it('counts the whole variance as between tasks when each task ran once', () => {
    const windows = QUALITY.flatMap((row, task) => [window('a', task, row[0] as number), window('b', task, 0.5)]);
    const result = estimatePlanningVariance(makeReportLedger(windows), ['a', 'b'], options);
    const diffs = QUALITY.map((row) => gap(row[0] as number));
    const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
    expect(result.between).toBeCloseTo(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (diffs.length - 1), 15);
    expect(result.within).toBeNull();
  });

  it('falls back to the stated default with fewer than 3 paired tasks', () => {
    const windows = [window('a', 0, 0.9), window('b', 0, 0.5), window('a', 1, 0.4), window('b', 1, 0.5), window('a', 2, 0.7)];
    expect(estimatePlanningVariance(makeReportLedger(windows), ['a', 'b'], options)).toBe(DEFAULT_PLANNING_VARIANCE);
  });

  it('counts a task run in two plans once: two tasks in two plans are still too few', () => {
    const inPlan = (w: ReportWindow, plan: string): ReportWindow => ({ ...w, plan_id: plan, window_id: `${w.window_id}-${plan}` });
    const pairs = [0, 1].flatMap((task) => [window('a', task, 0.9 - task / 4), window('b', task, 0.5)]);
    const windows = [
      ...pairs.map((w) => inPlan(w, 'plan-1')),
      ...pairs.map((w) => inPlan({ ...w, quality: (w.quality ?? 0) * 0.9 }, 'plan-2')),
    ];
    expect(estimatePlanningVariance(makeReportLedger(windows), ['a', 'b'], options)).toBe(DEFAULT_PLANNING_VARIANCE);
  });
});
