// The failover chain's own work on a request that stays on its first back end, timed in process (no network noise).
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { buildRoutingTable, FailoverChain, ProxyConfigSchema, watchRefusal } from '../proxy/index.js';
import { parseRateLimitHeaders } from '../sources/index.js';

export interface ChainWork {
  iterations: number;
  /** Nanoseconds per request of the chain's steps: refusal-only chain, and one with a threshold (--failover-at). */
  refusalOnlyNs: number;
  thresholdNs: number;
}

/** An answer's bars as the bench server sends them: well under any threshold, reset an hour ahead. */
function buildHeaders(): Record<string, string> {
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  return {
    'anthropic-ratelimit-unified-status': 'allowed',
    'anthropic-ratelimit-unified-5h-utilization': '0.3',
    'anthropic-ratelimit-unified-5h-reset': reset,
    'anthropic-ratelimit-unified-7d-utilization': '0.4',
    'anthropic-ratelimit-unified-7d-reset': reset,
  };
}

/**
 * What the request handler and its failover loop (run-failover-attempts.ts) add per request with a chain: covers,
 * pick, the refusal watch and its divert on a 200, the observation of the answer's bars (read anyway for the readings)
 * and the row's move. Best of 5 runs.
 */
export function timeChainWork(iterations: number): ChainWork {
  return { iterations, refusalOnlyNs: timeOne(iterations, null), thresholdNs: timeOne(iterations, 95) };
}

function timeOne(iterations: number, atPct: number | null): number {
  const table = buildRoutingTable(
    ProxyConfigSchema.parse({
      backends: { second: { url: 'http://127.0.0.1:9', auth_env: 'BENCH_KEY' } },
      failover: { chain: [{ backend: 'second' }], ...(atPct === null ? {} : { at_pct: atPct }) },
    }),
    [],
    'http://127.0.0.1:8',
    { BENCH_KEY: 'k' },
    BUILT_IN_CATALOG,
  );
  const plan = table.failover;
  if (!plan) throw new Error('the bench chain did not resolve');
  const chain = new FailoverChain(plan, Date.now, () => undefined);
  const head = table.fallback.backend;
  const headers = buildHeaders();
  const startedAt = new Date();
  const reading = parseRateLimitHeaders(headers, startedAt);
  let best = Number.POSITIVE_INFINITY;
  let moved = 0;
  for (let run = 0; run < 5; run += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) {
      if (!chain.covers(head)) continue;
      const step = chain.pick();
      const watch = chain.hasNextAfter(step) ? watchRefusal(startedAt, null, chain.clock) : null;
      if (watch?.divert(200, headers)) moved += 1;
      chain.observe(step, 200, reading);
      if (chain.recordMove(step) !== null) moved += 1;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started) / iterations);
  }
  if (moved > 0) throw new Error(`the bench chain moved ${moved} request(s)`);
  return best;
}
