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
  return { window_id: `${feature}-${backend}`, feature_id: feature, provider: 'claude', quality } as WindowMetrics;
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

describe('evaluateG3', () => {
  it('is not evaluable without matched features', () => {
    expect(evaluateG3(collectG3Input([], [], prices)).status).toBe('not-evaluable');
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
