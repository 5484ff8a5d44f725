// Percentiles of a load sample, and the derived numbers the proxy report prints (added latency, throughput, CPU).
import { computeQuantile } from '../reports/index.js';
import type { PhaseResult } from './proxy-phases.js';

export interface PathStats {
  target: string;
  n: number;
  errors: number;
  firstError: string | null;
  first: { p50: number; p99: number };
  last: { p50: number; p99: number };
  perSecond: number;
  /** CPU milliseconds per request of the path's own process (null for direct), of the upstream and of the load client. */
  cpuPerRequestMs: number | null;
  /** The part of cpuPerRequestMs on the path's main thread. */
  mainCpuPerRequestMs: number | null;
  upstreamCpuPerRequestMs: number;
  clientCpuPerRequestMs: number;
}

/** The report's nearest-rank percentile (q in (0, 1]; reports/compute-quantile.ts) of unsorted values; NaN when there are none, for the bench's number formatters. */
export function pickPercentile(values: number[], q: number): number {
  return computeQuantile(values, q) ?? Number.NaN;
}

export function summarizePath(result: PhaseResult): PathStats {
  const { sample } = result;
  const ok = sample.firstMs.length;
  return {
    target: result.target,
    n: ok,
    errors: sample.errors,
    firstError: sample.firstError,
    first: { p50: pickPercentile(sample.firstMs, 0.5), p99: pickPercentile(sample.firstMs, 0.99) },
    last: { p50: pickPercentile(sample.lastMs, 0.5), p99: pickPercentile(sample.lastMs, 0.99) },
    perSecond: sample.wallMs > 0 ? ok / (sample.wallMs / 1000) : Number.NaN,
    cpuPerRequestMs: result.cpuMs === null || sample.requests === 0 ? null : result.cpuMs / sample.requests,
    mainCpuPerRequestMs: result.mainCpuMs === null || sample.requests === 0 ? null : result.mainCpuMs / sample.requests,
    upstreamCpuPerRequestMs: sample.requests === 0 ? Number.NaN : result.upstreamCpuMs / sample.requests,
    clientCpuPerRequestMs: sample.requests === 0 ? Number.NaN : result.clientCpuMs / sample.requests,
  };
}
