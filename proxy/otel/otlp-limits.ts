// How much an OTLP export may weigh, sent and unpacked: caps against oversized payloads and gzip bombs.
import { AppError } from '../../kernel/index.js';

export interface OtlpLimits {
  /** Largest body as sent (compressed or not); larger gets 413. */
  maxBodyBytes: number;
  /** Largest body once unpacked (gzip); larger gets 413 (a gzip bomb stops here). */
  maxDecodedBytes: number;
  /** Longest pause between two body chunks. */
  bodyIdleTimeoutMs: number;
}

const MIB = 1024 * 1024;

/**
 * Codex 0.169's largest export measured here was 632 KB (metrics, OTLP/JSON; 132 KB in protobuf), Claude Code 2.1.329's
 * 17 KB: 8 MiB sent and 32 MiB unpacked leave room for long sessions (the OpenTelemetry Collector's own default
 * max_request_body_size is 20 MiB) and stop a bomb long before memory matters.
 */
export const DEFAULT_OTLP_LIMITS: OtlpLimits = { maxBodyBytes: 8 * MIB, maxDecodedBytes: 32 * MIB, bodyIdleTimeoutMs: 30_000 };

/** Refused exports a receiver keeps under rejects/ (and tells) at most: each body's first KEPT_PREFIX_BYTES, 6.4 MiB in all. */
export const MAX_KEPT_REFUSALS = 100;

export const OTLP_LIMIT_ENV: Record<keyof OtlpLimits, string> = {
  maxBodyBytes: 'TRACKER_OTEL_MAX_BODY_BYTES',
  maxDecodedBytes: 'TRACKER_OTEL_MAX_DECODED_BYTES',
  bodyIdleTimeoutMs: 'TRACKER_OTEL_BODY_TIMEOUT_MS',
};

/** Given values first, then the environment's, then the defaults; a variable that is not a positive whole number is refused. */
export function resolveOtlpLimits(env: NodeJS.ProcessEnv, given: Partial<OtlpLimits> = {}): OtlpLimits {
  const limits = { ...DEFAULT_OTLP_LIMITS };
  for (const key of Object.keys(limits) as (keyof OtlpLimits)[]) {
    const value = given[key];
    if (value !== undefined) limits[key] = value;
    else if (env[OTLP_LIMIT_ENV[key]]) limits[key] = parseLimit(env[OTLP_LIMIT_ENV[key]] as string, OTLP_LIMIT_ENV[key]);
  }
  return limits;
}

export function parseLimit(value: string, where: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value))
    throw new AppError('BAD_USAGE', `expected a positive whole number, got ${JSON.stringify(value)}`, { where });
  return Number(value);
}

/** What an oversized body leaves under rejects/: enough to see what sent it, never the whole of it. */
export const KEPT_PREFIX_BYTES = 64 * 1024;
