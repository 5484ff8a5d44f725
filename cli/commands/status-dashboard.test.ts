// The dashboard: ETA from the recent pace, the last arms, bars, and ledger text escaped before it reaches a terminal.
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
    const { view } = buildDashboard(dir, [plan(arms, { done: 0 })], undefined, NOW, NO_BARS);
    expect(view.plans[0]?.eta).toBe(new Date(NOW.getTime() + 5 * 2.5 * 60_000).toISOString());
    expect(view.last_arms.map((a) => a.arm_index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('has no ETA below 2 finishes or without a runner, and says why', () => {
    expect(buildDashboard(dir, [plan([arm(0, 1)], { done: 0 })], undefined, NOW, NO_BARS).view.plans[0]).toMatchObject({
      eta: null,
      eta_reason: 'fewer than 2 arms done',
    });
    const stopped = buildDashboard(dir, [plan([arm(0, 1), arm(1, 2)], { done: 0, state: 'interrupted' })], undefined, NOW, NO_BARS);
    expect(stopped.view.plans[0]).toMatchObject({ eta: null, eta_reason: 'no run going on' });
  });
});

describe('describeVerdictContrast', () => {
  const contrast = (a: string, b: string, estimate: number | null, low: number | null, high: number | null, na: string | null = null) => ({
    a,
    b,
    estimate,
    low,
    high,
    p: null,
    p_adjusted: null,
    relative: null,
    na,
  });
  const report = (pair: [string, string] | null, contrasts: ReturnType<typeof contrast>[], tasks: number, na: string | null = null) =>
    ({ settings: { pair }, primary: { tasks, contrasts, na } }) as unknown as ExperimentReport;

  it("shows the verdict's pair, the provider ahead first, not the first contrast of the analysis", () => {
    const r = report(
      ['sim-claude+glm', 'sim-claude'],
      [contrast('sim-claude', 'sim-codex', -0.0857, -0.771, 0.599), contrast('sim-claude', 'sim-claude+glm', -0.0174, -0.0195, -0.0152)],
      10,
    );
    expect(describeVerdictContrast(r)).toBe('share gap sim-claude+glm - sim-claude = 0.0174 [0.0152, 0.0195] on 10 tasks');
  });

  it('says why the estimate is n/a, with the number of tasks in the singular for one', () => {
    const r = report(['a', 'b'], [contrast('a', 'b', null, null, null, 'needs a task in each order')], 1);
    expect(describeVerdictContrast(r)).toBe('a vs b: n/a on 1 task (needs a task in each order)');
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
    );
    const text = renderDashboard(view, { dataDir: dir, stamp: false, width: null, waiting: null });
    expect(text).toContain('stopped: budget\\x1b[2J\\x0aforged line');
    expect(text).not.toMatch(/\x1b/);
  });
});
