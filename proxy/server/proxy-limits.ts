// The proxy's limits against hostile or broken clients: timeouts, connection cap, body memory caps.
import { AppError } from '../../kernel/index.js';

export interface ProxyLimits {
  /** Time to receive a request's whole header block (Node's headersTimeout); Node then answers 408 and closes. */
  headersTimeoutMs: number;
  /** Longest wait between two chunks of a request body; resets on every chunk. */
  bodyIdleTimeoutMs: number;
  /** Time to receive a whole request, headers and body (Node's requestTimeout); never limits the response stream. */
  requestTimeoutMs: number;
  /** How long a keep-alive socket may sit idle between requests (Node's keepAliveTimeout). */
  keepAliveTimeoutMs: number;
  /** Open client connections at most (server.maxConnections); more are closed on accept. */
  maxConnections: number;
  /** Request headers kept at most (Node's maxHeadersCount). */
  maxHeadersCount: number;
  /** Largest request body; a larger one gets 413. */
  maxBodyBytes: number;
  /** Request bodies held in memory by all requests together; past it a request gets 503. */
  maxInFlightBodyBytes: number;
  /** Longest wait of a request for room that requests in flight hold in a block budget; then 429 saying what held it. */
  budgetWaitMs: number;
}

const MIB = 1024 * 1024;

/**
 * Generous enough for real agent traffic (bodies of a few MB, SSE answers of minutes: the response is
 * never timed), tight enough that idle or slow sockets cannot pile up. Node's own defaults are 60 s
 * headers, 300 s request, 5 s keep-alive: https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
 */
export const DEFAULT_PROXY_LIMITS: ProxyLimits = {
  headersTimeoutMs: 30_000,
  bodyIdleTimeoutMs: 30_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 15_000,
  maxConnections: 1024,
  maxHeadersCount: 256,
  maxBodyBytes: 64 * MIB,
  maxInFlightBodyBytes: 256 * MIB,
  budgetWaitMs: 120_000,
};

/** Each limit's environment variable (the `tracker proxy` process reads them at start). */
export const LIMIT_ENV: Record<keyof ProxyLimits, string> = {
  headersTimeoutMs: 'TRACKER_PROXY_HEADERS_TIMEOUT_MS',
  bodyIdleTimeoutMs: 'TRACKER_PROXY_BODY_TIMEOUT_MS',
  requestTimeoutMs: 'TRACKER_PROXY_REQUEST_TIMEOUT_MS',
  keepAliveTimeoutMs: 'TRACKER_PROXY_KEEP_ALIVE_TIMEOUT_MS',
  maxConnections: 'TRACKER_PROXY_MAX_CONNECTIONS',
  maxHeadersCount: 'TRACKER_PROXY_MAX_HEADERS',
  maxBodyBytes: 'TRACKER_PROXY_MAX_BODY_BYTES',
  maxInFlightBodyBytes: 'TRACKER_PROXY_MAX_INFLIGHT_BODY_BYTES',
  budgetWaitMs: 'TRACKER_PROXY_BUDGET_WAIT_MS',
};

/** Each limit's `tracker proxy` flag; a flag wins over its variable. */
export const LIMIT_FLAG: Record<keyof ProxyLimits, string> = {
  headersTimeoutMs: '--headers-timeout-ms',
  bodyIdleTimeoutMs: '--body-timeout-ms',
  requestTimeoutMs: '--request-timeout-ms',
  keepAliveTimeoutMs: '--keep-alive-timeout-ms',
  maxConnections: '--max-connections',
  maxHeadersCount: '--max-headers',
  maxBodyBytes: '--max-body-bytes',
  maxInFlightBodyBytes: '--max-inflight-body-bytes',
  budgetWaitMs: '--budget-wait-ms',
};

/** Reads the limits given as flags (`readFlag` returns a flag's raw text, or undefined), naming the flag when one is not a positive whole number. */
export function readLimitFlags(readFlag: (flag: string) => string | undefined): Partial<ProxyLimits> {
  const given: Partial<ProxyLimits> = {};
  for (const key of Object.keys(LIMIT_FLAG) as (keyof ProxyLimits)[]) {
    const raw = readFlag(LIMIT_FLAG[key]);
    if (raw !== undefined) given[key] = parseLimit(raw, LIMIT_FLAG[key]);
  }
  return given;
}

/** The limits in force: the defaults, then the environment, then what the caller passed; every value a positive integer. */
export function resolveProxyLimits(env: NodeJS.ProcessEnv, given: Partial<ProxyLimits> = {}): ProxyLimits {
  const source = { ...LIMIT_ENV };
  const limits = { ...DEFAULT_PROXY_LIMITS };
  for (const key of Object.keys(LIMIT_ENV) as (keyof ProxyLimits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw !== undefined && raw !== '') limits[key] = parseLimit(raw, LIMIT_ENV[key]);
    const value = given[key];
    if (value !== undefined) {
      limits[key] = parseLimit(String(value), LIMIT_FLAG[key]);
      source[key] = LIMIT_FLAG[key];
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new AppError(
      'BAD_USAGE',
      `the header timeout (${limits.headersTimeoutMs} ms) must not exceed the request timeout (${limits.requestTimeoutMs} ms)`,
      { where: source.headersTimeoutMs },
    );
  }
  if (limits.maxBodyBytes > limits.maxInFlightBodyBytes) {
    throw new AppError(
      'BAD_USAGE',
      `the body cap (${limits.maxBodyBytes} bytes) must not exceed the in-flight body cap (${limits.maxInFlightBodyBytes} bytes)`,
      { where: source.maxBodyBytes },
    );
  }
  return limits;
}

function parseLimit(raw: string, where: string): number {
  const value = /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new AppError('BAD_USAGE', `expected a positive whole number, got ${JSON.stringify(raw)}`, { where });
  return value;
}
