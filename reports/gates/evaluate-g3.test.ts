import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { collectG3Input } from './collect-g3-input.js';
import { evaluateG3 } from './evaluate-g3.js';

const prices = createPriceTable({
  name: 'test',
  value: { models: { 'glm-x': { input: 1, output: 1 }, 'base-x': { input: 1, output: 1 } } },
});
let trace = 0;

/** One sub-agent request of `feature` on the glm or the baseline back end. */
function request(backend: 'glm' | 'anthropic', feature: string, tokens: number, extra: Partial<TelemetryRow> = {}): TelemetryRow {
  trace += 1;
  return {
    id: `r${trace}`,
    kind: 'proxy-request',
    ts: '2026-11-21T10:00:00Z',
    schema_version: 1,
    tool_version: '0.1.0',
    source: 'proxy',
    agent_id: 'main',
    timestamp: '2026-11-21T10:00:00Z',
    session_id: null,
    subagent_id: 'haiku',
    backend_provider: backend,
    model: backend === 'glm' ? 'glm-x' : 'base-x',
    prompt_tokens: tokens,
    completion_tokens: 0,
    latency_ms: 100,
    status: 200,
    trace_id: `t${trace}`,
    feature_id: feature,
    window_id: `${feature}-${backend}`,
    ...extra,
  };
}

function window(feature: string, backend: 'glm' | 'anthropic', quality: number): WindowMetrics {
  return { window_id: `${feature}-${backend}`, feature_id: feature, provider: 'claude', quality, plan_id: null } as WindowMetrics;
}

/** Three features; GLM uses `glmTokens` per request against 1,000 on the baseline; latencies and errors as given. */
function scenario(options: { glmTokens?: number; glmQuality?: number | number[]; glmErrors?: number; glmP95?: number } = {}) {
  const rows: TelemetryRow[] = [];
  const windows: WindowMetrics[] = [];
  for (const [index, feature] of ['F1', 'F2', 'F3'].entries()) {
    for (let i = 0; i < 10; i += 1) {
      rows.push(request('anthropic', feature, 1000, { latency_ms: i === 9 ? 1000 : 100, status: feature === 'F1' && i === 0 ? 500 : 200 }));
      const error = feature === 'F1' && i < (options.glmErrors ?? 1) ? 500 : 200;
      rows.push(request('glm', feature, options.glmTokens ?? 500, { latency_ms: i === 9 ? (options.glmP95 ?? 1300) : 100, status: error }));
    }
    const quality = options.glmQuality ?? 0.8;
    windows.push(window(feature, 'anthropic', 1), window(feature, 'glm', Array.isArray(quality) ? (quality[index] as number) : quality));
  }
  return evaluateG3(collectG3Input(rows, windows, prices));
}

/** The seed-42 run's shape: haiku requests of sim-claude go to its own back end, sim-claude+glm's to GLM; codex and glm route none. */
function seedRun(options: { tasks?: number; baselineTasks?: number } = {}) {
  const rows: TelemetryRow[] = [];
  const windows: WindowMetrics[] = [];
  const tasks = options.tasks ?? 10;
  for (let i = 0; i < Math.max(tasks, options.baselineTasks ?? tasks); i += 1) {
    const feature = `T${i}`;
    const add = (provider: string, quality: number, backend: string | null) => {
      const id = `${provider}-${feature}`;
      windows.push({ window_id: id, feature_id: feature, provider, quality, plan_id: 'p1' } as WindowMetrics);
      if (backend) rows.push(request(backend === 'glm' ? 'glm' : 'anthropic', feature, backend === 'glm' ? 400 : 1000, { window_id: id }));
    };
    // Every task runs on sim-claude; the routed arm only on the first `tasks`.
    add('sim-claude', 1, 'sim-claude');
    if (i < tasks) add('sim-claude+glm', 1, 'glm');
    add('sim-codex', i % 5 === 0 ? 0 : 1, null);
    add('sim-glm', i % 5 < 2 ? 0 : 1, null);
  }
  return collectG3Input(rows, windows, prices);
}

describe('evaluateG3', () => {
  it('is not evaluable without matched features', () => {
    expect(evaluateG3(collectG3Input([], [], prices)).status).toBe('not-evaluable');
  });

  it('compares the routed arm with its matched baseline only, never pooling providers that route nothing', () => {
    // Old G3 pooled sim-codex (0.8) and sim-glm (0.6) into the baseline: quality 1 / 0.8 = 1.25. Matched it is 1 / 1.
    const input = seedRun();
    expect(input.arms).toEqual({ subagent: 'sim-claude+glm', baseline: 'sim-claude' });
    const result = evaluateG3(input);
    expect(result.checks.find((check) => check.name === 'quality vs baseline')?.value).toBe(1);
    expect(result.matched_features).toBe(10);
    expect(result.summary).toBe('all four targets met on 10 matched tasks (sim-claude+glm against sim-claude)');
  });

  it('counts only the tasks both arms ran', () => {
    const input = seedRun({ tasks: 4, baselineTasks: 10 });
    expect(input.matched_tasks).toEqual(['p1:T0', 'p1:T1', 'p1:T2', 'p1:T3']);
    expect(input.quality.baseline).toHaveLength(4);
    expect(input.cost.total.baseline.requests).toBe(4);
  });

  it('is not evaluable, with the reason, when the routed provider has no baseline arm', () => {
    const rows = [request('glm', 'F1', 100, { window_id: 'w1' })];
    const windows = [
      { window_id: 'w1', feature_id: 'F1', provider: 'claude+glm', quality: 1, plan_id: null },
      { window_id: 'w2', feature_id: 'F1', provider: 'codex', quality: 0.5, plan_id: null },
    ] as WindowMetrics[];
    const result = evaluateG3(collectG3Input(rows, windows, prices));
    expect(result.status).toBe('not-evaluable');
    expect(result.summary).toBe("not evaluable: no baseline arm for claude+glm: no claude provider's windows");
  });

  it('passes exactly at every threshold: 2x cost, 0.8 x quality, baseline + 2 pp errors, p95 + 30%', () => {
    // Baseline: 1 error in 30 requests, p95 1000 ms (nearest rank 29 of 30 is one of the three 1000s).
    const result = scenario({ glmTokens: 500, glmQuality: 0.8, glmErrors: 1, glmP95: 1300 });
    expect(result.checks.map((check) => [check.name, check.pass])).toEqual([
      ['cost reduction', true],
      ['quality vs baseline', true],
      ['error rate', true],
      ['p95 latency ms', true],
    ]);
    expect(result.status).toBe('pass');
  });

  it.each([
    ['cost reduction', { glmTokens: 501 }],
    ['p95 latency ms', { glmP95: 1301 }],
  ] as const)('fails just past the %s threshold', (name, change) => {
    const result = scenario(change);
    expect(result.status).toBe('fail');
    expect(result.checks.find((check) => check.name === name)?.pass).toBe(false);
  });

  it('fails the error rate above baseline + 2 pp', () => {
    // 1/30 + 0.02 = 0.0533; 2/30 = 0.0667 fails.
    expect(scenario({ glmErrors: 2 }).checks.find((check) => check.name === 'error rate')?.pass).toBe(false);
  });

  it('accepts quality below 0.8 x baseline when the drop is not significant, and refuses a significant one', () => {
    expect(scenario({ glmQuality: 0.7 }).checks.find((check) => check.name === 'quality vs baseline')?.pass).toBe(false);
    const noisy = scenario({ glmQuality: [0.4, 1, 0.7] }).checks.find((check) => check.name === 'quality vs baseline');
    expect(noisy).toMatchObject({ pass: true });
    expect(noisy?.value).toBeCloseTo(0.7, 12);
    expect(noisy?.detail).toContain('no significant drop');
  });
});
