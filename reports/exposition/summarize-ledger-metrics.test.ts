// The metrics' own rules on hand-made inputs: a bar with no reset time ages out, plans and label values stay few.
import { describe, expect, it } from 'vitest';
import { capValues, cutValue, MAX_VALUE_LENGTH, nameProject } from './cap-label-values.js';
import { summarizeLedgerMetrics } from './summarize-ledger-metrics.js';
import { makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const EMPTY_USAGE = makeUsageInputs();

function summarize(bars: { at: string; pct: number }[], plans: { plan_id: string; state: string }[] = []) {
  return summarizeLedgerMetrics(
    {
      usage: EMPTY_USAGE,
      bars: {
        snapshots: [],
        readings: bars.map(({ at, pct }) => ({
          provider: 'glm',
          captured_at: at,
          format: 'quota-glm',
          bars: { five_hour: { used_pct: pct, resets_at: null } },
        })),
        telemetry: [],
      },
      failovers: [],
      plans: plans.map((plan) => ({ ...plan, done: 2, open: 1, pending: 3 })),
    },
    { now: NOW, timeZone: 'UTC', maxLabelValues: 2 },
  );
}

describe('summarizeLedgerMetrics', () => {
  it('shows a bar with no reset time while its reading is younger than the bar, then only when it was read', () => {
    expect(summarize([{ at: '2026-11-24T10:00:00.000Z', pct: 30 }]).bar_used_ratio).toEqual([
      { labels: { provider: 'glm', account: 'glm', bar: 'five_hour' }, value: 0.3 },
    ]);
    const old = summarize([{ at: '2026-11-24T06:00:00.000Z', pct: 30 }]);
    expect(old.bar_used_ratio).toEqual([]);
    expect(old.bar_reading_timestamp_seconds.map((one) => one.value)).toEqual([Date.parse('2026-11-24T06:00:00.000Z') / 1000]);
  });

  it("keeps the newest plans' arms and state, within the label cap", () => {
    const metrics = summarize(
      [],
      [
        { plan_id: 'p1', state: 'complete' },
        { plan_id: 'p2', state: 'stopped' },
        { plan_id: 'p3', state: 'running' },
      ],
    );
    expect(new Set(metrics.experiment_arms.map((one) => one.labels.plan))).toEqual(new Set(['p2', 'p3']));
    expect(metrics.experiment_arms.filter((one) => one.labels.plan === 'p3').map((one) => [one.labels.state, one.value])).toEqual([
      ['done', 2],
      ['open', 1],
      ['pending', 3],
    ]);
    expect(metrics.experiment_state).toContainEqual({ labels: { plan: 'p3', state: 'running' }, value: 1 });
  });
});

describe('label values', () => {
  it("names a project by its folder, cuts long values, and folds all but the largest into 'other'", () => {
    expect(nameProject('/home/alice/work/widget/')).toBe('widget');
    expect(nameProject('C:\\Users\\bob\\repo')).toBe('repo');
    expect(nameProject(null)).toBe('unknown');
    const long = cutValue('x'.repeat(200));
    expect([...long]).toHaveLength(MAX_VALUE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
    const keep = capValues(
      new Map([
        ['a', 5],
        ['b', 9],
        ['c', 1],
        ['unknown', 100],
      ]),
      1,
    );
    expect(['a', 'b', 'c', 'unknown'].map(keep)).toEqual(['other', 'b', 'other', 'unknown']);
  });
});
