import { describe, expect, it } from 'vitest';
import { formatDuration, renderStatusline } from './render-statusline.js';

describe('renderStatusline', () => {
  const now = new Date('2026-11-20T10:00:00Z');

  it('shows model, 5h with time to reset, and the week', () => {
    const bars = { five_hour: { used_pct: 23.5, resets_at: '2026-11-20T12:10:00.000Z' }, weekly: { used_pct: 41, resets_at: null } };
    expect(renderStatusline({ model: 'Opus 4.1', bars, now })).toBe('Opus 4.1 | 5h 23.5% (resets in 2h 10m) | week 41%');
  });

  it('says so when no rate limits came', () => {
    expect(renderStatusline({ model: null, bars: {}, now })).toBe('Claude | no rate limits reported');
  });

  it.each([
    [0, 'now'],
    [59_000, '1m'],
    [3_600_000, '1h 0m'],
    [2 * 86_400_000 + 3_600_000, '2d 1h'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
