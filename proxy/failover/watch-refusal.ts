// Watches an answer's start for a refusal for its back end's window, so the request can move before the client sees it.
import type { FailoverReason } from '../../ledger/index.js';
import { parseRateLimitHeaders } from '../../sources/index.js';
import { readRefusedWindow } from './read-spent-window.js';

export interface RefusalWatch {
  /** forwardRequest's `divert`: true for a refusal for the window (then `window` holds it), false for any other answer. */
  divert: (status: number, headers: Record<string, string | string[] | undefined>) => boolean;
  window: FailoverReason | null;
}

/** A divert that takes an answer only when it is a refusal for the back end's window, and keeps that window. */
export function watchRefusal(startedAt: Date): RefusalWatch {
  const watch: RefusalWatch = {
    window: null,
    divert: (status: number, headers: Record<string, string | string[] | undefined>): boolean => {
      if (status !== 429) return false;
      watch.window = readRefusedWindow(status, parseRateLimitHeaders(headers, startedAt));
      return watch.window !== null;
    },
  };
  return watch;
}
