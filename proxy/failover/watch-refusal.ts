// Watches an answer's start for a refusal for its back end's window, so the request can move before the client sees it.
import { parseRateLimitHeaders } from '../../sources/index.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { readGoogleRefusal } from './read-google-refusal.js';
import { readRefusedWindow, type SpentWindow } from './read-spent-window.js';

export interface RefusalWatch {
  /**
   * forwardRequest's `divert`: true for a refusal for the window (then `window` holds it), 'read' for an answer whose
   * verdict is in its body (Google's 429s: then `readBody` gives it), false for any other answer.
   */
  divert: (status: number, headers: Record<string, string | string[] | undefined>) => boolean | 'read';
  window: SpentWindow | null;
  /** The window a held answer's body names, or null: then it reaches the client as it came. */
  readBody: (status: number, body: Buffer) => SpentWindow | null;
}

/** A divert that takes an answer only when it is a refusal for the back end's window, and keeps that window. */
export function watchRefusal(startedAt: Date, kind: ApiKind | null, nowMs: () => number): RefusalWatch {
  const watch: RefusalWatch = {
    window: null,
    divert: (status, headers) => {
      if (status !== 429) return false;
      // Google's APIs name a spent quota only in the 429's body (read-google-refusal.ts).
      if (kind !== null && findProxyProtocol(kind).refusalInBody) return 'read';
      watch.window = readRefusedWindow(status, parseRateLimitHeaders(headers, startedAt), nowMs());
      return watch.window !== null;
    },
    readBody: (status, body) => {
      watch.window = readGoogleRefusal(status, body.toString('utf8'), nowMs());
      return watch.window;
    },
  };
  return watch;
}
