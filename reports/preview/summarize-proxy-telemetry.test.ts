import { describe, expect, it } from 'vitest';
import { renderProxyBlock } from './render-proxy-block.js';
import { buildProxyRollup, isErrorSample, summarizeProxyTelemetry, type TelemetrySample } from './summarize-proxy-telemetry.js';

const sample = (extra: Partial<TelemetrySample>): TelemetrySample => ({
  timestamp: '2026-11-21T08:00:00Z',
  backend_provider: 'glm',
  subagent_id: 'haiku',
  prompt_tokens: 100,
  completion_tokens: 20,
  latency_ms: 100,
  status: 200,
  error_type: null,
  window_id: 'W1',
  ...extra,
});

// Five requests: three to glm, two to anthropic, one 529; latencies 100..1000.
const five = [
  sample({ latency_ms: 300, ttft_ms: 50, cache_read_tokens: 1000 }),
  sample({ latency_ms: 100, ttft_ms: 150, timestamp: '2026-11-21T07:59:00Z' }),
  sample({ latency_ms: 1000, backend_provider: 'anthropic', cache_creation_tokens: 5 }),
  sample({
    latency_ms: 200,
    backend_provider: 'anthropic',
    status: 529,
    error_type: 'overloaded_error',
    prompt_tokens: null,
    completion_tokens: null,
  }),
  sample({ latency_ms: 400, subagent_id: null }),
];

describe('summarizeProxyTelemetry', () => {
  it('adds up requests, tokens, routing, errors and latency', () => {
    const summary = summarizeProxyTelemetry(five);
    expect(summary).toMatchObject({
      total_prompts: 5,
      total_tokens: 4 * 120 + 1000 + 5,
      tokens: { prompt: 400, completion: 80, cache_read: 1000, cache_creation: 5 },
      requests_without_usage: 1,
      subagent_requests: 4,
      pct_routed_to_glm: 60,
      errors: 1,
      error_rate: 0.2,
      mean_latency_ms: 400,
      p50_latency_ms: 300,
      p95_latency_ms: 1000,
      mean_ttft_ms: 100,
      ttft_samples: 2,
      first_at: '2026-11-21T07:59:00Z',
      last_at: '2026-11-21T08:00:00Z',
    });
    expect(summary.backends).toEqual([
      { backend_provider: 'glm', requests: 3, share: 0.6, tokens: 1360 },
      { backend_provider: 'anthropic', requests: 2, share: 0.4, tokens: 125 },
    ]);
  });

  it('has no rates without requests', () => {
    expect(summarizeProxyTelemetry([])).toMatchObject({
      total_prompts: 0,
      pct_routed_to_glm: null,
      error_rate: null,
      p50_latency_ms: null,
      mean_ttft_ms: null,
    });
  });

  it('counts status >= 400, status 0 and an error type as errors', () => {
    expect(isErrorSample({ status: 200, error_type: null })).toBe(false);
    expect(isErrorSample({ status: 404, error_type: null })).toBe(true);
    expect(isErrorSample({ status: 0, error_type: null })).toBe(true);
    expect(isErrorSample({ status: 200, error_type: 'api_error' })).toBe(true);
    expect(isErrorSample({ status: 399 })).toBe(false);
  });

  it("leaves requests that are no model call out of every figure: Claude Code's HEAD /api/hello made 1 of 3 an error", () => {
    const session = [
      sample({ path: '/api/hello', status: 404, error_type: 'proxy_no_api', prompt_tokens: null, completion_tokens: null, latency_ms: 2 }),
      sample({ path: '/v1/messages?beta=true' }),
      sample({ path: '/v1/messages' }),
      sample({ path: '/backend-api/codex/responses' }),
      sample({ path: '/v1/messages/count_tokens', status: 404, error_type: 'not_found_error' }),
    ];
    expect(isErrorSample({ path: '/api/hello', status: 404, error_type: 'proxy_no_api' })).toBe(false);
    expect(isErrorSample({ path: '/v1/messages', status: 404, error_type: null })).toBe(true);
    const summary = summarizeProxyTelemetry(session);
    expect([summary.total_prompts, summary.error_rate, summary.p50_latency_ms]).toEqual([3, 0, 100]);
    const rollup = buildProxyRollup(session);
    expect([rollup?.overall.total_prompts, rollup?.overall.error_rate, rollup?.other_requests]).toEqual([3, 0, 2]);
    expect(renderProxyBlock(rollup as NonNullable<typeof rollup>)).toContain(
      "    (2 other requests were no model call, such as Claude Code's start-up HEAD /api/hello: in no figure)",
    );
  });
});

describe('buildProxyRollup', () => {
  it('counts capacity probes overall but lists no window for them', () => {
    const rollup = buildProxyRollup([
      ...five,
      sample({ window_id: 'W1.before', command: 'probe' }),
      sample({ window_id: 'W1.after', command: 'probe' }),
    ]);
    expect(rollup?.overall.total_prompts).toBe(7);
    expect(rollup?.probes).toBe(2);
    expect(rollup?.windows.map((window) => window.window_id)).toEqual(['W1']);
  });

  it('is null without rows, and groups by window in order of first request', () => {
    expect(buildProxyRollup([])).toBeNull();
    const rollup = buildProxyRollup([
      ...five,
      sample({ window_id: 'W0', timestamp: '2026-11-20T08:00:00Z' }),
      sample({ window_id: null, timestamp: '2026-11-22T08:00:00+01:00' }),
    ]);
    expect(rollup?.overall.total_prompts).toBe(7);
    expect(rollup?.windows.map((window) => [window.window_id, window.total_prompts])).toEqual([
      ['W0', 1],
      ['W1', 5],
      [null, 1],
    ]);
  });
});

describe('renderProxyBlock', () => {
  it('prints the seed line, then one line per window when there are several', () => {
    const single = buildProxyRollup(five);
    expect(single && renderProxyBlock(single)).toEqual([
      'Subagent Proxy:',
      '  - routed_to_glm=60% (prompts=5), latency=300 ms p50 / 1000 ms p95, errors=20.0%',
    ]);
    const many = buildProxyRollup([...five, sample({ window_id: 'W0-CHN', timestamp: '2026-11-20T08:00:00Z', latency_ms: 820.4 })]);
    expect(many && renderProxyBlock(many)).toEqual([
      'Subagent Proxy:',
      '  - routed_to_glm=67% (prompts=6), latency=300 ms p50 / 1000 ms p95, errors=16.7%',
      '    W0-CHN: routed_to_glm=100% (prompts=1), latency=820 ms p50 / 820 ms p95, errors=0.0%',
      '    W1:     routed_to_glm=60% (prompts=5), latency=300 ms p50 / 1000 ms p95, errors=20.0%',
    ]);
    expect(many && renderProxyBlock(many, { recent: 1 })).toEqual([
      'Subagent Proxy:',
      '  - routed_to_glm=67% (prompts=6), latency=300 ms p50 / 1000 ms p95, errors=16.7%',
      '    (latest 1 of 2 windows)',
      '    W1: routed_to_glm=60% (prompts=5), latency=300 ms p50 / 1000 ms p95, errors=20.0%',
    ]);
  });
});

describe('tokens of OpenAI rows', () => {
  it('takes the cached part out of the input of a Responses row, so it is not counted twice', () => {
    const openai = sample({
      backend_provider: 'openai',
      prompt_tokens: 1000,
      completion_tokens: 10,
      cache_read_tokens: 800,
      path: '/v1/responses',
    });
    const anthropic = sample({
      backend_provider: 'anthropic',
      prompt_tokens: 200,
      completion_tokens: 10,
      cache_read_tokens: 800,
      path: '/v1/messages?beta=true',
    });
    expect(summarizeProxyTelemetry([openai]).tokens).toEqual({ prompt: 200, completion: 10, cache_read: 800, cache_creation: 0 });
    expect(summarizeProxyTelemetry([anthropic]).total_tokens).toBe(1010);
    expect(summarizeProxyTelemetry([openai]).total_tokens).toBe(1010);
  });
});
