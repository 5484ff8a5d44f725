import { describe, expect, it } from 'vitest';
import { makeBarWindow, makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { buildLimitChanges } from './build-limit-changes.js';
import { buildUsageTable } from './build-usage-table.js';
import { renderUsage, selectUsagePeriods, type UsageView } from './render-usage.js';

const inputs = makeUsageInputs({
  telemetry: [
    makeProxyRow('2026-11-16T10:00:00.000Z', 'claude-sonnet-4-5', [1000, 200, 5000, 300]),
    makeProxyRow('2026-11-24T10:00:00.000Z', 'house-model', [10, 5, 0, 0]),
  ],
  windows: [
    ...[2, 3, 4].map((delta, index) => makeBarWindow('claude', `a${index}`, delta, 2400 * delta, `2026-11-1${6 + index}T12:00:00.000Z`)),
    ...[2, 3, 4].map((delta, index) =>
      makeBarWindow('claude', `b${index}`, delta, 1200 * delta + index, `2026-11-2${3 + index}T12:00:00.000Z`),
    ),
  ],
});

function view(by: 'day' | 'week'): UsageView {
  return { by, timeZone: 'UTC', rows: buildUsageTable(inputs, by, 'UTC'), limits: buildLimitChanges(inputs, by, 'UTC') };
}

describe('renderUsage', () => {
  it('prints the table with a total, says why a cost is n/a, and prints the shift below', () => {
    const text = renderUsage(view('week'));
    expect(text).toContain('  2026-W47  claude    claude-sonnet-4-5  1,000     200       5,000           300   6,500       $0.01  proxy');
    // The snapshots of the days the proxy did not see count; the proxy's day (11-16) drops its window's snapshots.
    expect(text).toContain(
      '  2026-W47  claude    (all models)           0       0           0             0  16,800         n/a  snapshots',
    );
    expect(text).toContain('n/a cost: 3 row(s), e.g. 2026-W47 claude: snapshots count a total only');
    expect(text).toMatch(/^ {2}Total +1,010 +205 +5,000 +300 +30,517 +n\/a$/m);
    expect(text).toContain('Shift: Claude 5h: 1% bought about 2,400 tokens before 2026-W48, about 1,200 in 2026-W48');
  });

  it('keeps the periods asked for, and the shift lines of those periods only', () => {
    const early = selectUsagePeriods(view('week'), null, '2026-11-22');
    expect(early.rows.map((row) => row.period)).toEqual(['2026-W47', '2026-W47']);
    expect(early.limits.shifts).toEqual([]);
    expect(renderUsage(early)).toContain('No shift');
    const late = selectUsagePeriods(view('day'), '2026-11-24', null);
    expect(late.rows.map((row) => [row.period, row.source])).toEqual([
      ['2026-11-24', 'proxy'],
      ['2026-11-25', 'snapshots'],
    ]);
  });

  it('shows control characters from the ledger as escapes, never raw (a model named with ESC [2J cannot clear the screen)', () => {
    const hostile = makeUsageInputs({
      telemetry: [
        makeProxyRow('2026-11-16T10:00:00.000Z', 'evil\u001b[2J\u0007', [10, 5, 0, 0]),
        makeProxyRow('2026-11-16T11:00:00.000Z', 'claude\u202eliam', [10, 5, 0, 0]),
      ],
    });
    const text = renderUsage({
      by: 'day',
      timeZone: 'UTC',
      rows: buildUsageTable(hostile, 'day', 'UTC'),
      limits: { points: [], shifts: [] },
    });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('evil\\x1b[2J\\x07');
    expect(text).toContain('claude\\u202eliam');
  });

  it('says so when the ledger has nothing to show', () => {
    const text = renderUsage({ by: 'day', timeZone: 'UTC', rows: [], limits: { points: [], shifts: [] } });
    expect(text).toContain('no tokens in the ledger');
    expect(text).toContain('Limit changes: n/a (no completed window');
  });
});
