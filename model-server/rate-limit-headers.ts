// Subscription rate-limit headers that fill up request by request: Anthropic unified bars and Codex primary/secondary.
import type { AnthropicRateLimits, CodexRateLimits } from './script-schema.js';

type Headers = Record<string, string>;

/** One Anthropic window: utilization is a fraction 0..1, reset is epoch seconds. */
export interface AnthropicBar {
  utilization: number;
  reset: number;
}

/** One Codex window: used percent 0..100, its length in minutes, reset epoch seconds. */
export interface CodexBar {
  usedPercent: number;
  windowMinutes: number;
  resetAt: number;
}

/** The Nth (0-based) Anthropic response's unified headers; resets are fixed at `startedAt` (epoch seconds) + reset_in_s. */
export function buildAnthropicRateLimitHeaders(limits: AnthropicRateLimits | null, requestIndex: number, startedAt: number): Headers {
  if (!limits) return {};
  return formatAnthropicBars(
    {
      '5h': { utilization: fill(limits.five_hour, requestIndex, 1), reset: startedAt + limits.five_hour.reset_in_s },
      '7d': { utilization: fill(limits.seven_day, requestIndex, 1), reset: startedAt + limits.seven_day.reset_in_s },
    },
    limits.warn_at,
  );
}

/** The unified headers of two windows; a window is `allowed_warning` from `warnAt` and `rejected` at 1. */
export function formatAnthropicBars(windows: { '5h': AnthropicBar; '7d': AnthropicBar }, warnAt: number): Headers {
  const statusOf = (utilization: number): string => (utilization >= 1 ? 'rejected' : utilization >= warnAt ? 'allowed_warning' : 'allowed');
  const claim = windows['7d'].utilization > windows['5h'].utilization ? '7d' : '5h';
  const headers: Headers = {};
  for (const [name, window] of Object.entries(windows)) {
    headers[`anthropic-ratelimit-unified-${name}-utilization`] = String(window.utilization);
    headers[`anthropic-ratelimit-unified-${name}-reset`] = String(window.reset);
    headers[`anthropic-ratelimit-unified-${name}-status`] = statusOf(window.utilization);
  }
  headers['anthropic-ratelimit-unified-status'] = statusOf(Math.max(windows['5h'].utilization, windows['7d'].utilization));
  headers['anthropic-ratelimit-unified-representative-claim'] = claim === '5h' ? 'five_hour' : 'seven_day';
  headers['anthropic-ratelimit-unified-reset'] = String(windows[claim].reset);
  return headers;
}

/** The Nth (0-based) Responses answer's Codex headers: used percent 0..100, window minutes, reset epoch seconds. */
export function buildCodexRateLimitHeaders(limits: CodexRateLimits | null, requestIndex: number, startedAt: number): Headers {
  if (!limits) return {};
  const barOf = (window: CodexRateLimits['primary']): CodexBar => ({
    usedPercent: fill(window, requestIndex, 100),
    windowMinutes: window.window_minutes,
    resetAt: startedAt + window.reset_in_s,
  });
  return formatCodexBars({ primary: barOf(limits.primary), secondary: barOf(limits.secondary) });
}

/** The x-codex-{primary,secondary}-{used-percent,window-minutes,reset-at} headers. */
export function formatCodexBars(windows: { primary: CodexBar; secondary: CodexBar }): Headers {
  const headers: Headers = {};
  for (const [name, window] of Object.entries(windows)) {
    headers[`x-codex-${name}-used-percent`] = String(window.usedPercent);
    headers[`x-codex-${name}-window-minutes`] = String(window.windowMinutes);
    headers[`x-codex-${name}-reset-at`] = String(window.resetAt);
  }
  return headers;
}

/** start + n * step, capped at the window's maximum and rounded so float noise never shows. */
function fill(window: { start: number; step_per_request: number }, requestIndex: number, max: number): number {
  const value = Math.min(max, window.start + requestIndex * window.step_per_request);
  return Math.round(value * 10_000) / 10_000;
}
