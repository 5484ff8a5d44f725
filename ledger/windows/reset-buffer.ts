// Invariant 2: an `after` taken within 5 minutes after an observed reset is refused unless forced.
import { BAR_KINDS, BAR_NAMES, type Bars } from '../schemas/index.js';

export const RESET_BUFFER_MS = 5 * 60 * 1000;

/** The kind of the refusal of an `after` inside the buffer: callers that may force it recognise it by this, not by its words. */
export const AFTER_TOO_SOON = 'after-too-soon';

export interface ObservedReset {
  bar: keyof Bars;
  at: number;
}

/**
 * Resets the screens reveal: the reset times a `before` showed, and for an `after`, the reset that
 * started its current period (its next reset minus the bar's window length).
 */
export function collectObservedResets(beforeBars: Bars, afterBars: Bars): ObservedReset[] {
  const resets: ObservedReset[] = [];
  for (const bar of BAR_NAMES) {
    const shownBefore = beforeBars[bar]?.resets_at;
    if (shownBefore) resets.push({ bar, at: Date.parse(shownBefore) });
    const shownAfter = afterBars[bar];
    if (shownAfter?.resets_at) {
      const minutes = shownAfter.window_minutes ?? BAR_KINDS[bar].minutes;
      resets.push({ bar, at: Date.parse(shownAfter.resets_at) - minutes * 60_000 });
    }
  }
  return resets;
}

/** The reset that `capturedAt` falls less than `bufferMs` (5 minutes by default) after, if any. */
export function findResetTooClose(resets: ObservedReset[], capturedAt: number, bufferMs = RESET_BUFFER_MS): ObservedReset | null {
  for (const reset of resets) {
    const since = capturedAt - reset.at;
    if (since >= 0 && since < bufferMs) return reset;
  }
  return null;
}

/**
 * Resets that readings of the provider revealed (the statusLine, Codex rollouts), any agent: each reading's
 * next 5h reset, and the start of its current period. Only readings from the window's span (`from`..`to`) matter.
 */
export function collectReadingResets(readings: readonly { at: number; bars: Bars }[], from: number, to: number): ObservedReset[] {
  const resets: ObservedReset[] = [];
  for (const { at, bars } of readings) {
    if (at < from || at > to) continue;
    resets.push(...collectObservedResets({}, bars));
    const next = bars.five_hour?.resets_at;
    if (next) resets.push({ bar: 'five_hour', at: Date.parse(next) });
  }
  return resets;
}
