// Which Google 429s are a spent window: the real bodies' shapes (Gemini API, Code Assist), never a passing limit.
import { describe, expect, it } from 'vitest';
import { readGoogleRefusal } from './read-google-refusal.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const help = {
  '@type': 'type.googleapis.com/google.rpc.Help',
  links: [{ description: 'Learn more', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
};
const quotaFailure = (quotaId: string) => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: [
    {
      quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
      quotaId,
      quotaDimensions: { model: 'gemini-2.5-pro', location: 'global' },
      quotaValue: '100',
    },
  ],
});
const retryInfo = (retryDelay: string) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay });
const envelope = (details: unknown[], status = 'RESOURCE_EXHAUSTED') =>
  JSON.stringify({
    error: { code: 429, message: 'You exceeded your current quota, please check your plan and billing details.', status, details },
  });

describe('readGoogleRefusal', () => {
  it("reads the Gemini API's per-day quota as a spent daily window until midnight Pacific time, not RetryInfo's short delay", () => {
    // 2030-01-01T00:00Z is 16:00 on Dec 31 in Los Angeles (PST, UTC-8): the day's quota comes back at 08:00Z.
    const body = envelope([help, quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier'), retryInfo('47s')]);
    expect(readGoogleRefusal(429, body, NOW)).toEqual({
      trigger: 'rejected',
      bar: 'daily',
      used_pct: 100,
      resets_at: '2030-01-01T08:00:00.000Z',
    });
    // In summer (PDT, UTC-7) midnight is 07:00Z; without RetryInfo the same midnight.
    const july = Date.parse('2030-07-01T12:00:00Z');
    expect(readGoogleRefusal(429, body, july)?.resets_at).toBe('2030-07-02T07:00:00.000Z');
    const bare = envelope([quotaFailure('GenerateRequestsPerDayPerProjectPerModel')]);
    expect(readGoogleRefusal(429, bare, july)?.resets_at).toBe('2030-07-02T07:00:00.000Z');
    // A delay past that midnight is kept.
    const long = envelope([quotaFailure('GenerateRequestsPerDayPerProjectPerModel'), retryInfo('90000s')]);
    expect(readGoogleRefusal(429, long, NOW)?.resets_at).toBe(new Date(NOW + 90_000_000).toISOString());
  });

  it("reads Code Assist's QUOTA_EXHAUSTED, sent as an array by its streaming method, and a delay over 5 minutes", () => {
    const errorInfo = {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'QUOTA_EXHAUSTED',
      domain: 'cloudcode-pa.googleapis.com',
    };
    const streamed = JSON.stringify([JSON.parse(envelope([errorInfo, retryInfo('9577s')]))]);
    expect(readGoogleRefusal(429, streamed, NOW)?.resets_at).toBe(new Date(NOW + 9_577_000).toISOString());
    expect(readGoogleRefusal(429, envelope([retryInfo('3600s')]), NOW)?.bar).toBe('daily');
  });

  it('bounds a delay past a day (Google documents no longer quota) to a day, naming it, even one past any date', () => {
    const tenYears = envelope([retryInfo('315360000s')]);
    expect(readGoogleRefusal(429, tenYears, NOW)).toEqual({
      trigger: 'rejected',
      bar: 'daily',
      used_pct: 100,
      resets_at: new Date(NOW + 25 * 3_600_000).toISOString(),
      clamped_from: 'retryDelay 315360000s',
    });
    // Past what a Date holds (8.64e15 ms): read as any other, not a RangeError thrown at the request.
    const endless = envelope([quotaFailure('GenerateRequestsPerDayPerProjectPerModel'), retryInfo(`${'9'.repeat(80)}s`)]);
    expect(readGoogleRefusal(429, endless, NOW)).toMatchObject({ resets_at: new Date(NOW + 25 * 3_600_000).toISOString() });
    expect(readGoogleRefusal(429, endless, NOW)?.clamped_from).toHaveLength(64);
  });

  it('passes every other answer: a per-minute quota, a short delay, no details, capacity, another status or code', () => {
    const capacity = {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'MODEL_CAPACITY_EXHAUSTED',
      domain: 'cloudcode-pa.googleapis.com',
    };
    const rateLimit = {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'cloudcode-pa.googleapis.com',
    };
    for (const body of [
      envelope([help, quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'), retryInfo('58s')]),
      envelope([rateLimit, retryInfo('10s')]),
      envelope([capacity]),
      JSON.stringify({ error: { code: 429, message: 'Resource exhausted. Please try again later.', status: 'RESOURCE_EXHAUSTED' } }),
      envelope([quotaFailure('GenerateRequestsPerDayPerProjectPerModel')], 'UNAVAILABLE'),
      'not json',
    ])
      expect(readGoogleRefusal(429, body, NOW)).toBeNull();
    expect(readGoogleRefusal(503, envelope([quotaFailure('GenerateRequestsPerDayPerProjectPerModel')]), NOW)).toBeNull();
  });
});
