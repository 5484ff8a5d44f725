// When an arm waits for the 5h reset buffer, and for how long.
import { describe, expect, it } from 'vitest';
import { computeResetWait } from './compute-reset-wait.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const bars = (resetsAt: string | null) => ({ five_hour: { used_pct: 40, resets_at: resetsAt, window_minutes: 300 } });
const MIN = 60_000;

describe('computeResetWait', () => {
  it('waits until 5 minutes after a reset that falls inside the arm timeout', () => {
    expect(computeResetWait(bars('2026-11-21T12:10:00Z'), NOW, 15 * MIN)).toBe(15 * MIN);
  });

  it('waits out the buffer of a reset that just happened', () => {
    expect(computeResetWait(bars('2026-11-21T11:58:00Z'), NOW, 15 * MIN)).toBe(3 * MIN);
  });

  it('waits out the buffer of the reset that began the current period, as live headers show it', () => {
    // Next reset in 4 h 58 min: the period began 2 minutes ago.
    expect(computeResetWait(bars('2026-11-21T16:58:00Z'), NOW, 15 * MIN)).toBe(3 * MIN);
  });

  it('does not wait for a reset beyond the timeout, long past, or unknown', () => {
    expect(computeResetWait(bars('2026-11-21T12:20:00Z'), NOW, 15 * MIN)).toBe(0);
    expect(computeResetWait(bars('2026-11-21T11:50:00Z'), NOW, 15 * MIN)).toBe(0);
    expect(computeResetWait(bars(null), NOW, 15 * MIN)).toBe(0);
    expect(computeResetWait(undefined, NOW, 15 * MIN)).toBe(0);
  });
});
