// Invariant 2: an `after` taken within 5 minutes after an observed reset is refused unless forced.
import type { Bars } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanLedger } from '../store/scan-ledger.js';

export const RESET_BUFFER_MS = 5 * 60 * 1000;

const DEFAULT_WINDOW_MINUTES: Record<keyof Bars, number> = {
  five_hour: 300,
  weekly: 7 * 24 * 60,
  weekly_sonnet: 7 * 24 * 60,
};

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
  for (const bar of Object.keys(DEFAULT_WINDOW_MINUTES) as (keyof Bars)[]) {
    const shownBefore = beforeBars[bar]?.resets_at;
    if (shownBefore) resets.push({ bar, at: Date.parse(shownBefore) });
    const shownAfter = afterBars[bar];
    if (shownAfter?.resets_at) {
      const minutes = shownAfter.window_minutes ?? DEFAULT_WINDOW_MINUTES[bar];
      resets.push({ bar, at: Date.parse(shownAfter.resets_at) - minutes * 60_000 });
    }
  }
  return resets;
}

/** The reset that `capturedAt` falls less than 5 minutes after, if any. */
export function findResetTooClose(resets: ObservedReset[], capturedAt: number): ObservedReset | null {
  for (const reset of resets) {
    const since = capturedAt - reset.at;
    if (since >= 0 && since < RESET_BUFFER_MS) return reset;
  }
  return null;
}

/**
 * Resets that readings of the provider revealed (the statusLine, Codex rollouts), any agent: each reading's
 * next 5h reset, and the start of its current period. Only readings from the window's span matter.
 */
export function collectReadingResets(dataDir: string, provider: string, from: number, to: number): ObservedReset[] {
  const resets: ObservedReset[] = [];
  scanLedger(
    dataDir,
    LEDGER_FILES.snapshots,
    (row) => {
      if (row.kind !== 'reading' || row.provider !== provider || typeof row.captured_at !== 'string') return;
      const at = Date.parse(row.captured_at);
      if (Number.isNaN(at) || at < from || at > to) return;
      resets.push(...collectObservedResets({}, (row.bars ?? {}) as Bars));
      const next = (row.bars as Bars | undefined)?.five_hour?.resets_at;
      if (next) resets.push({ bar: 'five_hour', at: Date.parse(next) });
    },
    { needles: ['"kind":"reading"', JSON.stringify(provider)] },
  );
  return resets;
}
