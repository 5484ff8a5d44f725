// What forwardRequest is given and what it reports: shared by the exchange's steps (forward-exchange.ts).
import type { Dispatcher } from 'undici';
import type { SseEvent } from '../tap/sse-reader.js';
import type { ApiKind, TapResult } from '../tap/usage-tap.js';
import type { ResponseTee } from '../transcript/collect-response.js';

export interface ForwardRequest {
  dispatcher: Dispatcher;
  backendName: string;
  path: string;
  method: string;
  headers: Record<string, string | string[]>;
  body: Buffer | null;
  /** Which API's usage and error shapes to expect; null for a plain pass-through. */
  kind: ApiKind | null;
  now: () => number;
  /** Sees each whole-event chunk of a stream before the client does; the text it returns ends the stream. */
  guard?: StreamGuard | null;
  /** Shown the response's start and every chunk of its body, for a transcript (absent: no transcript, no cost). */
  tee?: ResponseTee | null;
  /**
   * Shown the response's status and headers before anything reaches the client: true drops the answer (the upstream
   * is aborted, onSettled is not called) and the exchange resolves `diverted`, for the request to go elsewhere.
   * 'read': the same, once its body is read whole (up to 64 KiB) into `divertedBody`, for a verdict the body holds.
   */
  divert?: ((status: number, headers: Record<string, string | string[] | undefined>) => boolean | 'read') | null;
  /**
   * True: a back end that is down (no answer: unreachable, reset, timed out; or a 5xx) is not the client's answer: it
   * is dropped unseen (onSettled is not called) and the exchange resolves `down`, for the caller to answer otherwise.
   */
  dropWhenDown?: boolean;
  /** Called with the outcome once the exchange is over (it queues the exchange's row). */
  onSettled: (outcome: ForwardOutcome) => void;
  /**
   * Runs `then` once the row onSettled queued is in the ledger file. The response's last bytes wait for it,
   * so the row is there by the time the client has its answer: a proxy killed right after loses nothing.
   */
  whenRecorded: (then: () => void) => void;
}

export interface StreamGuard {
  /** Shown each SSE event as the usage tap reads it. */
  onEvent(event: SseEvent): void;
  /** After a chunk was read: null to go on, or the cut (the upstream is aborted first, then the cut recorded). */
  check(): StreamCut | null;
}

export interface StreamCut {
  /** The closing events the client gets after the chunk that reached the budget. */
  end: string;
  /** Writes the cut to the ledger (an fsync'd append): called once the upstream was told to stop, never before. */
  record(): void;
}

export interface ForwardOutcome {
  /** What the client got: the upstream's status, the proxy's error status, or 0 if it hung up first. */
  status: number;
  upstreamHeaders: Record<string, string | string[] | undefined> | null;
  /** An API error type (from the upstream's body or stream), or a transport failure kind. */
  errorType: string | null;
  /** The client hung up before the end, or the proxy had to cut the stream. */
  aborted: boolean;
  tap: TapResult | null;
  endedAt: number;
  /** The answer was dropped before the client saw a byte of it (`divert`): nothing was recorded, the request goes on. */
  diverted?: boolean;
  /** A divert's 'read': the answer's body (null when it broke off or was over 64 KiB). */
  divertedBody?: Buffer | null;
  /** `dropWhenDown` dropped this answer (`errorType` says why): nothing reached the client, nothing was recorded. */
  down?: boolean;
}
