// Which answers say a window is spent: the vendors' refusals with their bars, never any other error.
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../sources/index.js';
import { readRefusedWindow, readThresholdWindow } from './read-spent-window.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const IN_AN_HOUR = String(NOW.getTime() / 1000 + 3600);
const IN_A_DAY = String(NOW.getTime() / 1000 + 86_400);
const read = (headers: Record<string, string>) => parseRateLimitHeaders(headers, NOW);

describe('readRefusedWindow', () => {
  it("reads Anthropic's rejected 429: the full bar that resets last", () => {
    const headers = {
      'anthropic-ratelimit-unified-status': 'rejected',
      'anthropic-ratelimit-unified-5h-utilization': '1',
      'anthropic-ratelimit-unified-5h-reset': IN_AN_HOUR,
      'anthropic-ratelimit-unified-7d-utilization': '1',
      'anthropic-ratelimit-unified-7d-reset': IN_A_DAY,
    };
    expect(readRefusedWindow(429, read(headers), NOW.getTime())).toEqual({
      trigger: 'rejected',
      bar: 'weekly',
      used_pct: 100,
      resets_at: new Date(Number(IN_A_DAY) * 1000).toISOString(),
    });
  });

  it('bounds each bar by its own period before picking: a 5-hour reset in 2199 is 5 hours, and the week still resets last', () => {
    const headers = {
      'anthropic-ratelimit-unified-status': 'rejected',
      'anthropic-ratelimit-unified-5h-utilization': '1',
      'anthropic-ratelimit-unified-5h-reset': String(Date.parse('2199-01-01T00:00:00Z') / 1000),
      'anthropic-ratelimit-unified-7d-utilization': '1',
      'anthropic-ratelimit-unified-7d-reset': IN_A_DAY,
    };
    expect(readRefusedWindow(429, read(headers), NOW.getTime())).toEqual({
      trigger: 'rejected',
      bar: 'weekly',
      used_pct: 100,
      resets_at: new Date(Number(IN_A_DAY) * 1000).toISOString(),
    });
    const alone = { ...headers, 'anthropic-ratelimit-unified-7d-utilization': '0.2' };
    expect(readRefusedWindow(429, read(alone), NOW.getTime())).toMatchObject({
      bar: 'five_hour',
      resets_at: new Date(NOW.getTime() + 5 * 3_600_000).toISOString(),
      clamped_from: '2199-01-01T00:00:00.000Z',
    });
  });

  it('takes the fullest bar when a rejected 429 shows none at 100', () => {
    const headers = {
      'anthropic-ratelimit-unified-status': 'rejected',
      'anthropic-ratelimit-unified-5h-utilization': '0.97',
      'anthropic-ratelimit-unified-5h-reset': IN_AN_HOUR,
      'anthropic-ratelimit-unified-7d-utilization': '0.5',
      'anthropic-ratelimit-unified-7d-reset': IN_A_DAY,
    };
    expect(readRefusedWindow(429, read(headers), NOW.getTime())).toMatchObject({ bar: 'five_hour', used_pct: 97 });
  });

  it("reads Codex's 429 with a bar at 100 percent", () => {
    const headers = {
      'x-codex-primary-used-percent': '100',
      'x-codex-primary-window-minutes': '300',
      'x-codex-primary-reset-at': IN_AN_HOUR,
      'x-codex-secondary-used-percent': '40',
      'x-codex-secondary-window-minutes': '10080',
      'x-codex-secondary-reset-at': IN_A_DAY,
    };
    expect(readRefusedWindow(429, read(headers), NOW.getTime())).toMatchObject({ trigger: 'rejected', bar: 'five_hour', used_pct: 100 });
  });

  it('is null for a 429 without the window status, for any other status, and without headers', () => {
    const allowed = {
      'anthropic-ratelimit-unified-status': 'allowed',
      'anthropic-ratelimit-unified-5h-utilization': '0.5',
      'anthropic-ratelimit-unified-5h-reset': IN_AN_HOUR,
    };
    expect(readRefusedWindow(429, read(allowed), NOW.getTime())).toBeNull();
    expect(readRefusedWindow(429, null, NOW.getTime())).toBeNull();
    const rejected = { ...allowed, 'anthropic-ratelimit-unified-status': 'rejected', 'anthropic-ratelimit-unified-5h-utilization': '1' };
    expect(readRefusedWindow(529, read(rejected), NOW.getTime())).toBeNull();
    expect(readRefusedWindow(200, read(rejected), NOW.getTime())).toBeNull();
  });
});

describe('readThresholdWindow', () => {
  it('reads a bar at the threshold whose reset is ahead, and nothing under it or with its reset past', () => {
    const at = (utilization: string, reset: string) =>
      read({ 'anthropic-ratelimit-unified-5h-utilization': utilization, 'anthropic-ratelimit-unified-5h-reset': reset });
    expect(readThresholdWindow(at('0.9', IN_AN_HOUR)?.bars ?? {}, 90, NOW.getTime())).toMatchObject({ trigger: 'threshold', used_pct: 90 });
    expect(readThresholdWindow(at('0.8999', IN_AN_HOUR)?.bars ?? {}, 90, NOW.getTime())).toBeNull();
    expect(readThresholdWindow(at('0.95', String(NOW.getTime() / 1000 - 1))?.bars ?? {}, 90, NOW.getTime())).toBeNull();
  });
});
