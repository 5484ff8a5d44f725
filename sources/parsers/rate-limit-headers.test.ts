import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from './rate-limit-headers.js';

const now = new Date('2025-11-21T12:00:00.000Z');

// As a Max-plan response carries them (values as seen in the wild: fractions, epoch seconds).
const anthropic = {
  'anthropic-ratelimit-unified-status': 'allowed',
  'anthropic-ratelimit-unified-5h-status': 'allowed',
  'anthropic-ratelimit-unified-5h-utilization': '0.21',
  'anthropic-ratelimit-unified-5h-reset': '1763740800',
  'anthropic-ratelimit-unified-7d-status': 'allowed',
  'anthropic-ratelimit-unified-7d-utilization': '0.6834',
  'anthropic-ratelimit-unified-7d-reset': '1764172800',
  'anthropic-ratelimit-unified-representative-claim': 'five_hour',
  'anthropic-ratelimit-unified-fallback-percentage': '0.5',
  'anthropic-ratelimit-unified-overage-status': 'rejected',
};

// As codex-rs's parse_rate_limit reads them.
const codex = {
  'x-codex-primary-used-percent': '37.5',
  'x-codex-primary-window-minutes': '300',
  'x-codex-primary-reset-at': '1763740800',
  'x-codex-secondary-used-percent': '12',
  'x-codex-secondary-window-minutes': '10080',
  'x-codex-secondary-reset-at': '1764172800',
  'x-codex-credits-has-credits': 'false',
};

describe('parseRateLimitHeaders', () => {
  it('reads both Anthropic unified bars, with the status', () => {
    expect(parseRateLimitHeaders(anthropic, now)).toEqual({
      family: 'anthropic',
      bars: {
        five_hour: { used_pct: 21, resets_at: '2025-11-21T16:00:00.000Z', window_minutes: 300 },
        weekly: { used_pct: 68.34, resets_at: '2025-11-26T16:00:00.000Z', window_minutes: 10080 },
      },
      status: 'allowed',
    });
  });

  it('reads both Codex bars', () => {
    expect(parseRateLimitHeaders(codex, now)).toEqual({
      family: 'codex',
      bars: {
        five_hour: { used_pct: 37.5, resets_at: '2025-11-21T16:00:00.000Z', window_minutes: 300 },
        weekly: { used_pct: 12, resets_at: '2025-11-26T16:00:00.000Z', window_minutes: 10080 },
      },
      status: null,
    });
  });

  it('returns null when no relevant header is present', () => {
    expect(parseRateLimitHeaders({}, now)).toBeNull();
    expect(
      parseRateLimitHeaders(
        {
          'content-type': 'text/event-stream',
          'anthropic-ratelimit-requests-limit': '50',
          'x-codex-credits-balance': '10',
          'x-codex-plan-type': 'pro',
        },
        now,
      ),
    ).toBeNull();
    expect(parseRateLimitHeaders({ 'x-codex-primary-used-percent': '', 'anthropic-ratelimit-unified-status': [] }, now)).toBeNull();
  });

  it('takes the first value of an array-valued header', () => {
    const reading = parseRateLimitHeaders(
      { 'anthropic-ratelimit-unified-5h-utilization': ['0.5', '0.9'], 'anthropic-ratelimit-unified-5h-reset': ['1763740800'] },
      now,
    );
    expect(reading?.bars.five_hour).toEqual({ used_pct: 50, resets_at: '2025-11-21T16:00:00.000Z', window_minutes: 300 });
  });

  it('gives a null reset when the reset header is missing', () => {
    expect(parseRateLimitHeaders({ 'anthropic-ratelimit-unified-7d-utilization': '0.05' }, now)).toEqual({
      family: 'anthropic',
      bars: { weekly: { used_pct: 5, resets_at: null, window_minutes: 10080 } },
      status: null,
    });
    expect(parseRateLimitHeaders({ 'x-codex-primary-used-percent': '4', 'x-codex-primary-window-minutes': '300' }, now)?.bars).toEqual({
      five_hour: { used_pct: 4, resets_at: null, window_minutes: 300 },
    });
  });

  it('falls back to the 5h status when the overall status is missing', () => {
    expect(parseRateLimitHeaders({ 'anthropic-ratelimit-unified-5h-status': 'allowed_warning' }, now)).toEqual({
      family: 'anthropic',
      bars: {},
      status: 'allowed_warning',
    });
  });

  it('rounds the percentage to two decimals', () => {
    expect(parseRateLimitHeaders({ 'anthropic-ratelimit-unified-5h-utilization': '0.123456' }, now)?.bars.five_hour?.used_pct).toBe(12.35);
  });

  it('prefers Anthropic when both families are present, Codex when only it yields a bar', () => {
    expect(parseRateLimitHeaders({ ...codex, ...anthropic }, now)?.family).toBe('anthropic');
    expect(parseRateLimitHeaders({ ...codex, 'anthropic-ratelimit-unified-status': 'allowed' }, now)).toMatchObject({
      family: 'codex',
      bars: { five_hour: { used_pct: 37.5 } },
    });
  });

  it.each([
    ['not a number', 'abc'],
    ['negative', '-0.1'],
    ['over 1', '1.5'],
    ['a number with junk', '0.5x'],
    ['infinite', 'Infinity'],
  ])('drops an Anthropic bar whose utilization is %s', (_label, value) => {
    const reading = parseRateLimitHeaders({ ...anthropic, 'anthropic-ratelimit-unified-5h-utilization': value }, now);
    expect(reading?.bars.five_hour).toBeUndefined();
    expect(reading?.bars.weekly?.used_pct).toBe(68.34);
  });

  it.each([
    ['garbage', 'soon'],
    ['negative', '-5'],
    ['milliseconds', '1763740800000'],
  ])('drops an Anthropic bar whose reset is %s', (_label, value) => {
    expect(parseRateLimitHeaders({ ...anthropic, 'anthropic-ratelimit-unified-7d-reset': value }, now)?.bars.weekly).toBeUndefined();
  });

  it.each([
    ['used percent over 100', { 'x-codex-primary-used-percent': '100.5' }],
    ['negative used percent', { 'x-codex-primary-used-percent': '-1' }],
    ['used percent not a number', { 'x-codex-primary-used-percent': 'lots' }],
    ['a fractional window', { 'x-codex-primary-window-minutes': '299.5' }],
    ['a negative window', { 'x-codex-primary-window-minutes': '-300' }],
    ['a garbage reset', { 'x-codex-primary-reset-at': 'tomorrow' }],
  ])('drops a Codex bar with %s', (_label, override) => {
    const reading = parseRateLimitHeaders({ ...codex, ...override }, now);
    expect(reading?.bars.five_hour).toBeUndefined();
    expect(reading?.bars.weekly?.used_pct).toBe(12);
  });

  it('accepts 0 and 100 percent', () => {
    const reading = parseRateLimitHeaders({ ...codex, 'x-codex-primary-used-percent': '100', 'x-codex-secondary-used-percent': '0' }, now);
    expect([reading?.bars.five_hour?.used_pct, reading?.bars.weekly?.used_pct]).toEqual([100, 0]);
  });

  it('maps Codex bars by their window, whichever header carries them', () => {
    const reading = parseRateLimitHeaders(
      {
        'x-codex-primary-used-percent': '32.5',
        'x-codex-primary-window-minutes': '10080',
        'x-codex-primary-reset-at': '1764172800',
        'x-codex-secondary-used-percent': '4',
        'x-codex-secondary-window-minutes': '300',
        'x-codex-secondary-reset-at': '1763740800',
      },
      now,
    );
    expect(reading?.bars).toEqual({
      weekly: { used_pct: 32.5, resets_at: '2025-11-26T16:00:00.000Z', window_minutes: 10080 },
      five_hour: { used_pct: 4, resets_at: '2025-11-21T16:00:00.000Z', window_minutes: 300 },
    });
  });

  it('maps other Codex windows by position and keeps their length', () => {
    const reading = parseRateLimitHeaders(
      {
        'x-codex-primary-used-percent': '12.5',
        'x-codex-primary-window-minutes': '60',
        'x-codex-secondary-used-percent': '80',
        'x-codex-secondary-window-minutes': '1440',
      },
      now,
    );
    expect(reading?.bars).toEqual({
      five_hour: { used_pct: 12.5, resets_at: null, window_minutes: 60 },
      weekly: { used_pct: 80, resets_at: null, window_minutes: 1440 },
    });
  });

  it('puts a second Codex bar of the same window in the free slot', () => {
    const reading = parseRateLimitHeaders(
      {
        'x-codex-primary-used-percent': '5',
        'x-codex-primary-window-minutes': '10080',
        'x-codex-secondary-used-percent': '6',
        'x-codex-secondary-window-minutes': '10080',
      },
      now,
    );
    expect(reading?.bars).toEqual({
      weekly: { used_pct: 5, resets_at: null, window_minutes: 10080 },
      five_hour: { used_pct: 6, resets_at: null, window_minutes: 10080 },
    });
  });

  it('falls back to reset-after-seconds when reset-at is absent', () => {
    const reading = parseRateLimitHeaders(
      { 'x-codex-primary-used-percent': '34', 'x-codex-primary-window-minutes': '300', 'x-codex-primary-reset-after-seconds': '5400' },
      now,
    );
    expect(reading?.bars.five_hour?.resets_at).toBe('2025-11-21T13:30:00.000Z');
  });

  it('ignores a Codex window that says nothing (0 %, 0-minute window, no reset), as codex-rs does', () => {
    const reading = parseRateLimitHeaders(
      { ...codex, 'x-codex-secondary-used-percent': '0', 'x-codex-secondary-window-minutes': '0', 'x-codex-secondary-reset-at': '' },
      now,
    );
    expect(reading?.bars.weekly).toBeUndefined();
    expect(reading?.bars.five_hour?.used_pct).toBe(37.5);
  });

  it('never throws on odd input', () => {
    const odd = {
      'x-codex-primary-used-percent': 5 as unknown as string,
      'anthropic-ratelimit-unified-5h-utilization': [undefined as unknown as string],
    };
    expect(() => parseRateLimitHeaders(odd, new Date(Number.NaN))).not.toThrow();
    expect(
      parseRateLimitHeaders({ 'x-codex-primary-used-percent': '5', 'x-codex-primary-reset-after-seconds': '60' }, new Date(Number.NaN)),
    ).toEqual({ family: 'codex', bars: {}, status: null });
  });
});
