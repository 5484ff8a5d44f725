// Rolls proxy telemetry rows up into routing, token, error and latency figures, overall and per window: pure.
import { computeScaledMean } from '../stats/scaled-moments.js';
import type { TelemetryEvent } from '../../ledger/index.js';
import { computeQuantiles } from '../compute-quantile.js';
import { readRowTokens, SEED_SEATS } from '../../ledger/vocabulary/index.js';

/** The fields of a telemetry row the rollup reads (a full row or an event both fit). */
export type TelemetrySample = Pick<
  TelemetryEvent,
  'timestamp' | 'backend_provider' | 'subagent_id' | 'prompt_tokens' | 'completion_tokens' | 'latency_ms' | 'status' | 'error_type'
> &
  Partial<Pick<TelemetryEvent, 'cache_read_tokens' | 'cache_creation_tokens' | 'ttft_ms' | 'window_id' | 'path' | 'command'>>;

export interface BackendShare {
  backend_provider: string;
  requests: number;
  /** Fraction (0..1) of all requests. */
  share: number;
  tokens: number;
}

export interface ProxySummary {
  /** Requests seen (one telemetry row each). */
  total_prompts: number;
  /** prompt + completion + cache_read + cache_creation tokens; a null count adds 0 (see ledger/vocabulary/read-row-tokens.ts). */
  total_tokens: number;
  /** `prompt` excludes cache tokens (an OpenAI row's cached part is moved to cache_read). */
  tokens: { prompt: number; completion: number; cache_read: number; cache_creation: number };
  /** Requests whose prompt and completion counts were both null (a failure, or an emitter that could not count). */
  requests_without_usage: number;
  subagent_requests: number;
  /** Most requests first. */
  backends: BackendShare[];
  /** Percent (0..100) of requests answered by the `glm` back end; null without requests. */
  pct_routed_to_glm: number | null;
  errors: number;
  /** Fraction (0..1) of requests with status >= 400, status 0 (no response) or an error_type. */
  error_rate: number | null;
  mean_latency_ms: number | null;
  /** Nearest-rank quantiles over every request's latency_ms. */
  p50_latency_ms: number | null;
  p95_latency_ms: number | null;
  /** Over requests with a ttft_ms. */
  mean_ttft_ms: number | null;
  ttft_samples: number;
  first_at: string | null;
  last_at: string | null;
}

export interface ProxyWindowSummary extends ProxySummary {
  /** null for rows that belong to no window. */
  window_id: string | null;
}

export interface ProxyRollup {
  /** Every model call, capacity probes included (they used capacity too). */
  overall: ProxySummary;
  /** Requests that were no model call (Claude Code's start-up HEAD /api/hello, count_tokens, model lists): in no figure. */
  other_requests: number;
  /** Ordered by each window's first request; capacity probes are not listed. */
  windows: ProxyWindowSummary[];
  /** The runner's one-token capacity probes (command `probe`, tagged `<window>.before` / `.after`). */
  probes: number;
}

/** The command the experiment runner tags its capacity probes with. */
export const PROBE_COMMAND = 'probe';

export const ROUTED_BACKEND = SEED_SEATS.routed;

/** A model call's path: Messages or Responses under any base path (/v1/messages, /backend-api/codex/responses). */
const GENERATION_PATH = /\/(messages|responses)$/;

/**
 * Is this request a model call? Claude Code probes `HEAD /api/hello` at start-up (the proxy answers 404: it is no API
 * path), and agents ask count_tokens or list models: none of them is the work the figures describe, and a 404 there
 * made a session without a failed call read "errors=33.3%". A row without a path (older, or ingested from
 * another emitter) counts as one.
 */
export function isGenerationSample(sample: Pick<TelemetrySample, 'path'>): boolean {
  if (sample.path === undefined) return true;
  const query = sample.path.indexOf('?');
  return GENERATION_PATH.test(query < 0 ? sample.path : sample.path.slice(0, query));
}

/** Is this request an error for the error rate? Only model calls count (isGenerationSample). */
export function isErrorSample(sample: Pick<TelemetrySample, 'status' | 'error_type' | 'path'>): boolean {
  if (!isGenerationSample(sample)) return false;
  return sample.status >= 400 || sample.status === 0 || (sample.error_type !== null && sample.error_type !== undefined);
}

/** The overall figures and one set per window; null when there are no rows at all. */
export function buildProxyRollup(samples: Iterable<TelemetrySample>): ProxyRollup | null {
  const overall = createTally();
  const windows = new Map<string | null, ReturnType<typeof createTally>>();
  let probes = 0;
  let other = 0;
  for (const sample of samples) {
    if (!isGenerationSample(sample)) {
      other += 1;
      continue;
    }
    addToTally(overall, sample);
    if (sample.command === PROBE_COMMAND) {
      probes += 1;
      continue;
    }
    const key = sample.window_id ?? null;
    let tally = windows.get(key);
    if (!tally) windows.set(key, (tally = createTally()));
    addToTally(tally, sample);
  }
  if (overall.requests === 0) return null;
  const perWindow = [...windows.entries()]
    .map(([window_id, tally]): ProxyWindowSummary => ({ window_id, ...finishTally(tally) }))
    .sort((a, b) => Date.parse(a.first_at ?? '') - Date.parse(b.first_at ?? '') || (a.window_id ?? '').localeCompare(b.window_id ?? ''));
  return { overall: finishTally(overall), other_requests: other, windows: perWindow, probes };
}

/** The figures of one set of rows (all of its model calls, whatever their window). */
export function summarizeProxyTelemetry(samples: Iterable<TelemetrySample>): ProxySummary {
  const tally = createTally();
  for (const sample of samples) if (isGenerationSample(sample)) addToTally(tally, sample);
  return finishTally(tally);
}

function createTally() {
  return {
    requests: 0,
    tokens: { prompt: 0, completion: 0, cache_read: 0, cache_creation: 0 },
    withoutUsage: 0,
    subagent: 0,
    backends: new Map<string, { requests: number; tokens: number }>(),
    errors: 0,
    latencies: [] as number[],
    ttftSum: 0,
    ttftCount: 0,
    firstAt: null as string | null,
    lastAt: null as string | null,
    firstMs: Infinity,
    lastMs: -Infinity,
  };
}

function addToTally(tally: ReturnType<typeof createTally>, sample: TelemetrySample): void {
  tally.requests += 1;
  const usage = readRowTokens(sample);
  tally.tokens.prompt += usage.input;
  tally.tokens.completion += usage.output;
  tally.tokens.cache_read += usage.cache_read;
  tally.tokens.cache_creation += usage.cache_creation;
  if (sample.prompt_tokens === null && sample.completion_tokens === null) tally.withoutUsage += 1;
  if (sample.subagent_id !== null) tally.subagent += 1;
  const backend = tally.backends.get(sample.backend_provider) ?? { requests: 0, tokens: 0 };
  backend.requests += 1;
  backend.tokens += usage.total;
  tally.backends.set(sample.backend_provider, backend);
  if (isErrorSample(sample)) tally.errors += 1;
  tally.latencies.push(sample.latency_ms);
  if (sample.ttft_ms !== null && sample.ttft_ms !== undefined) {
    tally.ttftSum += sample.ttft_ms;
    tally.ttftCount += 1;
  }
  // Compared as instants: a writer may have used an offset other than Z.
  const at = Date.parse(sample.timestamp);
  if (at < tally.firstMs) [tally.firstMs, tally.firstAt] = [at, sample.timestamp];
  if (at > tally.lastMs) [tally.lastMs, tally.lastAt] = [at, sample.timestamp];
}

function finishTally(tally: ReturnType<typeof createTally>): ProxySummary {
  const n = tally.requests;
  const [p50, p95] = computeQuantiles(tally.latencies, [0.5, 0.95]);
  const backends = [...tally.backends.entries()]
    .map(([backend_provider, { requests, tokens }]) => ({ backend_provider, requests, share: requests / n, tokens }))
    .sort((a, b) => b.requests - a.requests || a.backend_provider.localeCompare(b.backend_provider));
  const routed = tally.backends.get(ROUTED_BACKEND)?.requests ?? 0;
  const { prompt, completion, cache_read, cache_creation } = tally.tokens;
  return {
    total_prompts: n,
    total_tokens: prompt + completion + cache_read + cache_creation,
    tokens: { ...tally.tokens },
    requests_without_usage: tally.withoutUsage,
    subagent_requests: tally.subagent,
    backends,
    pct_routed_to_glm: n === 0 ? null : (routed / n) * 100,
    errors: tally.errors,
    error_rate: n === 0 ? null : tally.errors / n,
    mean_latency_ms: n === 0 ? null : computeScaledMean(tally.latencies),
    p50_latency_ms: p50 ?? null,
    p95_latency_ms: p95 ?? null,
    mean_ttft_ms: tally.ttftCount === 0 ? null : tally.ttftSum / tally.ttftCount,
    ttft_samples: tally.ttftCount,
    first_at: tally.firstAt,
    last_at: tally.lastAt,
  };
}
