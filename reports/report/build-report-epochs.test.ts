// Epochs in the report: the task is the unit (n = tasks, not tasks x epochs) and the analysis equals the one on task means.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportTelemetryRow, ReportWindow } from '../../ledger/index.js';
import { computeVarianceComponents } from '../stats/variance-components.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { renderReportMarkdown } from './render-report-markdown.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';

const TASKS = 8;
const EPOCHS = 3;
let clock = Date.parse('2026-11-21T08:00:00Z');

function window(provider: string, task: number, period: number, quality: number, epoch?: number): ReportWindow {
  const start = (clock += 60 * 60_000);
  return {
    agent_id: 'main',
    provider,
    window_id: `plan-x-${provider}-T${task}-e${epoch ?? 0}`,
    feature_id: `T${task}`,
    methodology: 'manual',
    quality,
    outcome: 'success',
    errors: [],
    capacity: { unit: 'pct_5h', before: 10, after: 20, delta: 10 },
    started_at: new Date(start).toISOString(),
    ended_at: new Date(start + 40 * 60_000).toISOString(),
    completed_at: new Date(start + 41 * 60_000).toISOString(),
    sequence: task % 2 === 0 ? 'AB' : 'BA',
    period,
    plan_id: 'plan-x',
    ...(epoch === undefined ? {} : { epoch }),
  };
}

/** Quality of each (task, provider, epoch): claude ahead by ~0.1, a task effect, and an epoch wobble. */
function quality(task: number, provider: string, epoch: number): number {
  const base = 0.4 + 0.05 * (task % 4) + (provider === 'claude' ? 0.1 : 0);
  return base + 0.03 * (((task * 7 + epoch * 3 + (provider === 'claude' ? 1 : 0)) % 5) - 2);
}

function arms(task: number): [string, number][] {
  return task % 2 === 0
    ? [
        ['claude', 1],
        ['codex', 2],
      ]
    : [
        ['codex', 1],
        ['claude', 2],
      ];
}

const options: ReportOptions = {
  generatedAt: '2026-11-22T00:00:00.000Z',
  prices: createPriceTable(BUILT_IN_CATALOG),
  tasks: null,
  resamples: 500,
  providers: ['claude', 'codex'],
};

describe('a report over a plan run with epochs', () => {
  const epochWindows: ReportWindow[] = [];
  for (let epoch = 1; epoch <= EPOCHS; epoch += 1)
    for (let task = 0; task < TASKS; task += 1)
      for (const [provider, period] of arms(task)) epochWindows.push(window(provider, task, period, quality(task, provider, epoch), epoch));
  const report = buildReport(makeReportLedger(epochWindows), options);

  it('has n = tasks (8), not tasks x epochs (24), everywhere', () => {
    expect(report.windows.completed).toBe(TASKS * EPOCHS * 2);
    expect(report.epochs.effective_n).toBe(TASKS);
    expect(report.epochs.epochs_max).toBe(EPOCHS);
    expect(report.primary.tasks).toBe(TASKS);
    expect(report.comparison?.pairs).toHaveLength(TASKS);
    expect(report.pairing?.repeats).toBe(0);
    expect(report.plan?.tasks).toBe(TASKS);
    expect(report.stop.verdict_pair?.tasks).toBe(TASKS);
    expect(report.stop.verdict_pair?.looks.at(-1)?.n).toBe(TASKS);
    expect(report.providers.map((p) => p.efficiency.n)).toEqual([TASKS, TASKS]);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('Effective n: **8 tasks** (3 epochs per task and provider, 48 windows)');
    expect(markdown).toMatch(/between-task variance \(sigma_b\^2\) +\| +\d/);
  });

  it('gives the same primary result as one window per task holding the task means', () => {
    const means: ReportWindow[] = [];
    for (let task = 0; task < TASKS; task += 1)
      for (const [provider, period] of arms(task)) {
        const mean = [1, 2, 3].reduce((sum, epoch) => sum + quality(task, provider, epoch), 0) / EPOCHS;
        means.push(window(provider, task, period, mean));
      }
    const taskLevel = buildReport(makeReportLedger(means), options);
    const [withEpochs, withMeans] = [report.primary.pairs[0], taskLevel.primary.pairs[0]];
    expect(withEpochs?.ratio).toBeCloseTo(withMeans?.ratio as number, 12);
    expect(withEpochs?.last?.low).toBeCloseTo(withMeans?.last?.low as number, 12);
    expect(withEpochs?.last?.p).toBeCloseTo(withMeans?.last?.p as number, 12);
    expect(taskLevel.epochs.components?.na).toMatch(/one run per task/);
  });

  it("splits each epoch's contribution to ln(A / B work per unit) into between- and within-task variance", () => {
    // Both used 10% of their bar every epoch, so psi = qA / mean qA - qB / mean qB.
    const all = (provider: string) => Array.from({ length: TASKS }, (_, task) => [1, 2, 3].map((e) => quality(task, provider, e))).flat();
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const [ma, mb] = [mean(all('claude')), mean(all('codex'))];
    const differences = Array.from({ length: TASKS }, (_, task) =>
      [1, 2, 3].map((epoch) => (quality(task, 'claude', epoch) - ma) / ma - (quality(task, 'codex', epoch) - mb) / mb),
    );
    const expected = computeVarianceComponents(differences);
    expect(report.epochs.components?.within).toBeCloseTo(expected.within as number, 15);
    expect(report.epochs.components?.between).toBeCloseTo(expected.between as number, 15);
    expect(report.epochs.components?.observations).toBe(TASKS * EPOCHS);
  });
});

describe('G3 over a plan run with epochs', () => {
  // The seed-42 run with --epochs 2 held 20 routed sub-agent requests, yet G3 said "no feature
  // has sub-agent requests routed to glm": it looked them up by the task-level windows' ids, which no request has.
  const windows: ReportWindow[] = [];
  const telemetry: ReportTelemetryRow[] = [];
  for (let epoch = 1; epoch <= 2; epoch += 1)
    for (let task = 0; task < 4; task += 1)
      for (const [provider, period] of [
        ['claude', task % 2 === 0 ? 1 : 2],
        ['claude+glm', task % 2 === 0 ? 2 : 1],
      ] as const) {
        const made = window(provider, task, period, 1, epoch);
        windows.push(made);
        const routed = provider === 'claude+glm';
        telemetry.push({
          timestamp: made.started_at as string,
          agent_id: 'main',
          backend_provider: routed ? 'glm' : 'anthropic',
          subagent_id: 'haiku',
          model: routed ? 'glm-4.5-air' : 'claude-haiku-4-5',
          prompt_tokens: 10_000,
          completion_tokens: 1_000,
          latency_ms: 100 + task,
          status: 200,
          error_type: null,
          window_id: made.window_id,
          feature_id: made.feature_id,
        } as ReportTelemetryRow);
      }
  const report = buildReport({ ...makeReportLedger(windows), telemetry }, { ...options, providers: ['claude', 'claude+glm'] });

  it("finds every epoch's routed requests and matches the tasks both arms ran", () => {
    expect(report.gates.g3.arms).toEqual({ subagent: 'claude+glm', baseline: 'claude' });
    expect(report.gates.g3.matched_features).toBe(4);
    expect(report.cost.total).toMatchObject({ features: 4, glm: { requests: 8 }, baseline: { requests: 8 } });
    // haiku 4.5 at $1/$5 per 1M against glm-4.5-air's $0.2/$1.1: (0.01 + 0.005) / (0.002 + 0.0011) = 4.84x.
    expect(report.gates.g3.checks.find((check) => check.name === 'cost reduction')?.value).toBeCloseTo(0.015 / 0.0031, 9);
    expect(report.gates.g3.summary).not.toContain('no feature has sub-agent requests');
  });
});
