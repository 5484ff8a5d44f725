import { describe, expect, it } from 'vitest';
import { parseClaudeStatusline } from './claude-statusline.js';

const input = {
  session_id: 'abc-123',
  model: { id: 'claude-opus-4-1', display_name: 'Opus 4.1' },
  cwd: '/work',
  rate_limits: {
    five_hour: { used_percentage: 23.5, resets_at: 1_763_740_800 },
    seven_day: { used_percentage: 41.2, resets_at: 1_764_172_800 },
  },
};

describe('parseClaudeStatusline', () => {
  it('reads model, session and both bars with epoch-second resets', () => {
    expect(parseClaudeStatusline(JSON.stringify(input))).toEqual({
      ok: true,
      value: {
        model: 'Opus 4.1',
        sessionId: 'abc-123',
        bars: {
          five_hour: { used_pct: 23.5, resets_at: '2025-11-21T16:00:00.000Z', window_minutes: 300 },
          weekly: { used_pct: 41.2, resets_at: '2025-11-26T16:00:00.000Z', window_minutes: 10080 },
        },
      },
    });
  });

  it('accepts input without rate limits (API-key sessions)', () => {
    expect(parseClaudeStatusline(JSON.stringify({ model: { display_name: 'Sonnet 4.5' } }))).toEqual({
      ok: true,
      value: { model: 'Sonnet 4.5', sessionId: null, bars: {} },
    });
  });

  it('keeps only the first 200 characters of a session id that is no id (900 KB was written into every reading)', () => {
    const parsed = parseClaudeStatusline(JSON.stringify({ ...input, session_id: 'x'.repeat(900 * 1024) }));
    expect(parsed.ok && parsed.value.sessionId).toBe('x'.repeat(200));
  });

  it.each([
    ['', 'input is empty'],
    ['not json', 'input is not JSON'],
    ['[1,2]', 'expected a JSON object'],
    [
      JSON.stringify({ rate_limits: { five_hour: { used_percentage: 140 } } }),
      'rate_limits.five_hour.used_percentage: expected a number from 0 to 100, got 140',
    ],
    [
      JSON.stringify({ rate_limits: { seven_day: { used_percentage: 3, resets_at: 'soon' } } }),
      'rate_limits.seven_day.resets_at: expected epoch seconds, got "soon"',
    ],
  ])('refuses %j', (text, message) => {
    expect(parseClaudeStatusline(text)).toEqual({ ok: false, issues: [{ message }] });
  });
});
