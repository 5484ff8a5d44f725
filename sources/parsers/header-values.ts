// Reads one header's value as a proxied response's map gives it (trimmed text, a number, an instant), and what a family's reading is.
import type { Bars } from '../../ledger/schemas/index.js';
import { isPlausibleTime } from './codex-rollout-line.js';

/** Header map as node's IncomingHttpHeaders / undici give it: lower-case names, repeated headers as arrays. */
export type HeaderMap = Record<string, string | string[] | undefined>;

export interface RateLimitReading {
  /** Whose headers they were (a provider's `headerFamily`, ledger/vocabulary). */
  family: string;
  bars: Bars;
  /** `anthropic-ratelimit-unified-status` (else the 5h, then the 7d status): allowed, allowed_warning, rejected; null for Codex. */
  status: string | null;
}

export const FIVE_HOUR_MINUTES = 300;
export const WEEK_MINUTES = 10_080;

/** First value of a header, trimmed; undefined when absent or blank. */
export function readHeader(headers: HeaderMap, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** undefined: absent; null: present but not a finite number. */
export function readNumber(headers: HeaderMap, name: string): number | null | undefined {
  const text = readHeader(headers, name);
  if (text === undefined) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** ISO instant of an epoch-seconds header; null when absent; undefined when present but not a plausible time. */
export function readEpochSeconds(headers: HeaderMap, name: string): string | null | undefined {
  const seconds = readNumber(headers, name);
  if (seconds === undefined) return null;
  if (seconds === null || !isPlausibleTime(seconds * 1000)) return undefined;
  return new Date(Math.round(seconds * 1000)).toISOString();
}

export function readResetAfter(headers: HeaderMap, name: string, nowMs: number): string | null | undefined {
  const seconds = readNumber(headers, name);
  if (seconds === undefined) return null;
  if (seconds === null || seconds < 0 || !isPlausibleTime(nowMs + seconds * 1000)) return undefined;
  return new Date(Math.round(nowMs + seconds * 1000)).toISOString();
}
