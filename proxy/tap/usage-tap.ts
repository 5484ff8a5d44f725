// The contract of a usage tap: fed the upstream response body chunk by chunk, it says what the request used.
import type { ProtocolId } from '../../ledger/vocabulary/index.js';
import type { SseEvent } from './sse-reader.js';

/** Token counts as the API reported them; null where it said nothing. */
export interface UsageCounts {
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_creation_tokens: number | null;
}

export interface TapResult {
  usage: UsageCounts;
  /** Clock value (the tap's `now`) when the first content-bearing event arrived; null if none did. */
  firstTokenAt: number | null;
  /** The model the response names, when it names one. */
  model: string | null;
  /** An error event seen inside a 200 stream (Anthropic `event: error`, Responses `response.failed`/`error`). */
  streamError: { type: string; message: string } | null;
  /** True when the stream's terminal event arrived (message_stop, response.completed); always true for a parsed JSON body. */
  complete: boolean;
  /** Lines that were not valid SSE/JSON where JSON was expected. */
  malformed: number;
}

export interface UsageTap {
  /** Called once per upstream chunk, after the chunk was handed to the client; must be cheap and never throw. */
  push(chunk: Uint8Array): void;
  /** Called once when the upstream body ended (or was cut); never throws. */
  finish(): TapResult;
}

export interface TapOptions {
  /** Monotonic clock in milliseconds (performance.now by default). */
  now?: () => number;
  /** Shown every SSE event the stream taps read (a budget guard counts output from them: one parse serves both). */
  onEvent?: (event: SseEvent) => void;
}

/** The protocol a tapped path speaks (ledger/vocabulary/providers.ts: PROTOCOLS). */
export type ApiKind = ProtocolId;
