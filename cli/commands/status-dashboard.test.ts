// The dashboard: ETA from the recent pace, the last arms, bars, and ledger text escaped before it reaches a terminal.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentReport } from '../../reports/index.js';
import { describeVerdictContrast } from './dashboard-verdict.js';
import { buildDashboard, renderDashboard, type WatchedArm, type WatchedPlan } from './status-dashboard.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const arm = (index: number, finishedMinute: number | null): WatchedArm => ({
  arm_index: index,
  period: 1,
  task_id: 'lru-cache-ttl',
  provider: 'sim-claude',
  state: finishedMinute === null ? 'open' : 'done',
  outcome: finishedMinute === null ? null : 'success',
  quality: finishedMinute === null ? null : 1,
  capacity_delta: finishedMinute === null ? null : 2,
  finished_at: finishedMinute === null ? null : new Date(Date.UTC(2026, 10, 25, 10, finishedMinute)).toISOString(),
});
const plan = (arms: WatchedArm[], extra: Partial<WatchedPlan> = {}): WatchedPlan => ({
  plan_id: 'plan-1',
  state: 'running',
  stopped_by: null,
  done: arms.filter((a) => a.state === 'done').length,
  open: arms.filter((a) => a.state === 'open').length,
  arms: 10,
  pending: 10 - arms.length,
  arm_states: arms,
  infrastructure_failures: [],
  ...extra,
});
const NOW = new Date(Date.UTC(2026, 10, 25, 10, 30));
const NO_BARS = { snapshots: [], readings: [], telemetry: [] };

describe('buildDashboard', () => {
  it('puts the ETA at the median gap between recent finishes times the arms left, past one long gap (a resume)', () => {
    // Gaps 2, 2, 3 and one of 60 minutes: the median is 2.5 min; 4 pending + 1 running = 5 arms left.
    const arms = [arm(0, 0), arm(1, 60), arm(2, 62), arm(3, 64), arm(4, 67), arm(5, null)];
    const { view } = buildDashboard(dir, [plan(arms, { done: 0 })], undefined, NOW, NO_BARS, BUILT_IN_CATALOG);
    expect(view.plans[0]?.eta).toBe(new Date(NOW.getTime() + 5 * 2.5 * 60_000).toISOString());
    expect(view.last_arms.map((a) => a.arm_index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('has no ETA below 2 finishes or without a runner, and says why', () => {
    expect(buildDashboard(dir, [plan([arm(0, 1)], { done: 0 })], undefined, NOW, NO_BARS, BUILT_IN_CATALOG).view.plans[0]).toMatchObject({
      eta: null,
      eta_reason: 'fewer than 2 arms done',
    });
    const stopped = buildDashboard(
      dir,
      [plan([arm(0, 1), arm(1, 2)], { done: 0, state: 'interrupted' })],
      undefined,
      NOW,
      NO_BARS,
      BUILT_IN_CATALOG,
    );
    expect(stopped.view.plans[0]).toMatchObject({ eta: null, eta_reason: 'no run going on' });
  });
});

describe('describeVerdictContrast', () => {
  const decision = (
    a: string,
    b: string,
    ratio: number | null,
    low: number | null,
    high: number | null,
    tasks: number,
    na: string | null = null,
  ) => ({
    a,
    b,
    tasks,
    unpaired: 0,
    ratio,
    log_se: null,
    last: low === null ? null : { n: tasks, ratio, low, high, p: 1e-4, threshold: 0.006, basis: 'delta-method' },
    looks: [],
    outcome: 'open',
    decided_at: ratio !== null && low !== null && low > 1 ? 8 : null,
    na,
  });
  const report = (verdictPair: ReturnType<typeof decision> | null, pairs: ReturnType<typeof decision>[], na: string | null = null) =>
    ({ stop: { verdict_pair: verdictPair, pairs }, primary: { na, unit: 'usd' } }) as unknown as ExperimentReport;

  it("shows the verdict's pair, the provider ahead first, with its anytime interval: the always-valid part", () => {
    const ahead = decision('sim-claude+glm', 'sim-claude', 1.035, 1.017, 1.054, 10);
    const r = report(ahead, [decision('sim-claude', 'sim-codex', 0.49, 0.29, 0.81, 10), ahead]);
    expect(describeVerdictContrast(r)).toBe(
      'work per $ sim-claude+glm / sim-claude = 1.03x (anytime interval 1.02 to 1.05) on 10 tasks, decided at 8',
    );
  });

  it('says why the estimate is n/a, with the number of tasks in the singular for one', () => {
    const r = report(decision('a', 'b', null, null, null, 1, "b's cost is unknown"), []);
    expect(describeVerdictContrast(r)).toBe("a vs b: n/a on 1 task (b's cost is unknown)");
  });
});

describe('renderDashboard', () => {
  it('escapes control characters from the ledger on every line', () => {
    const { view } = buildDashboard(
      dir,
      [plan([arm(0, 1)], { done: 0, state: 'stopped', stopped_by: 'budget\x1b[2J\nforged line' })],
      undefined,
      NOW,
      NO_BARS,
      BUILT_IN_CATALOG,
    );
    const text = renderDashboard(view, { dataDir: dir, stamp: false, width: null, waiting: null });
    expect(text).toContain('stopped: budget\\x1b[2J\\x0aforged line');
    expect(text).not.toMatch(/\x1b/);
  });

  /** A running plan with an ETA, five arms done (the longest task and provider names of the bank) and a bar with a limit. */
  const busyView = () => {
    const arms = [0, 3, 6, 9, 12].map((minute, index) => ({
      ...arm(index, minute),
      task_id: 'config-env-overrides',
      provider: 'sim-claude+glm',
      outcome: 'budget-exceeded',
    }));
    const { view } = buildDashboard(
      dir,
      [plan(arms, { done: 5, plan_id: 'plan-8b6c52d57cbe' })],
      undefined,
      NOW,
      NO_BARS,
      BUILT_IN_CATALOG,
    );
    const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();
    view.bars = [
      {
        provider: 'sim-claude+glm',
        bar: 'five_hour',
        used_pct: 61,
        at: NOW.toISOString(),
        resets_at: hours(3),
        period_start: hours(-2),
        n: 3,
        burn_pct_per_hour: 16.5,
        burn_low: 12.3,
        burn_high: 20.7,
        limit_at: hours(2.4),
        limit_early: hours(1.9),
        limit_late: hours(3.2),
        limited_before_reset: true,
        reason: null,
        thresholds: [],
      },
    ];
    return view;
  };

  it('fits 80 columns: the ETA and the time to the limit are wrapped whole onto the next line, not cut', () => {
    const view = busyView();
    // The watcher draws at the terminal's width less one (experiment-status-watch.ts).
    const narrow = renderDashboard(view, { dataDir: dir, stamp: false, width: 79, waiting: null }).trimEnd().split('\n');
    for (const line of narrow) expect(line.length, line).toBeLessThanOrEqual(79);
    expect(narrow.join('\n')).not.toContain('…');
    expect(narrow).toContain('  ETA 10:45Z (15 min)');
    expect(narrow.some((line) => /^ {6}limit in 2\.4 h \(1\.9 h to 3\.2 h\), before the reset at 13:30Z$/.test(line))).toBe(true);
    expect(narrow.filter((line) => line.startsWith('    #'))).toHaveLength(5);
  });

  it('keeps each line whole on a wide terminal', () => {
    const wide = renderDashboard(busyView(), { dataDir: dir, stamp: false, width: 199, waiting: null }).trimEnd().split('\n');
    expect(wide[0]).toBe('plan plan-8b6c52d57cbe: 5/10 arms done, 0 running, 5 pending; running, ETA 10:45Z (15 min)');
    expect(wide).toContain(
      '    sim-claude+glm 5h 61% (+16.5 %/h [12.3, 20.7]); limit in 2.4 h (1.9 h to 3.2 h), before the reset at 13:30Z',
    );
  });
});
