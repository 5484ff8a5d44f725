// Which answers the chain holds back: Anthropic's refusal by its headers, Google's 429s for the verdict in their body.
import { describe, expect, it } from 'vitest';
import { watchRefusal } from './watch-refusal.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const perDay = JSON.stringify({
  error: {
    code: 429,
    status: 'RESOURCE_EXHAUSTED',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '60s' },
    ],
  },
});

describe('watchRefusal', () => {
  it('holds a Gemini or Code Assist 429 to read its body, and takes the window its body names', () => {
    for (const kind of ['gemini-generate-content', 'code-assist'] as const) {
      const watch = watchRefusal(new Date(NOW), kind, () => NOW);
      expect([watch.divert(200, {}), watch.divert(429, {})]).toEqual([false, 'read']);
      // A per-day quota is back at midnight Pacific time (08:00Z in winter), whatever its short delay.
      expect(watch.readBody(429, Buffer.from(perDay))?.resets_at).toBe('2030-01-01T08:00:00.000Z');
      expect(watch.readBody(429, Buffer.from('{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}'))).toBeNull();
    }
  });

  it('never holds an Anthropic 429 for its body: its headers decide', () => {
    const watch = watchRefusal(new Date(NOW), 'anthropic-messages', () => NOW);
    expect(watch.divert(429, {})).toBe(false);
    expect(
      watch.divert(429, {
        'anthropic-ratelimit-unified-status': 'rejected',
        'anthropic-ratelimit-unified-5h-utilization': '1',
        'anthropic-ratelimit-unified-5h-reset': String(NOW / 1000 + 60),
      }),
    ).toBe(true);
  });
});
