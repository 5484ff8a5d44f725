// The SSE reader's shapes, in a leaf of their own so the reader and its two parsers import them without a circle.
import type { EventSourceMessage } from 'eventsource-parser';

export interface SseReader {
  /** Feeds one chunk of the body; never throws. */
  push(chunk: Uint8Array): void;
  /** Flushes any last event that lacked its closing blank line; never throws. */
  finish(): void;
}

/** An event as read: `data` decoded on first read; `size` is the data's length in bytes (without decoding). */
export type SseEvent = EventSourceMessage & { size?: number };

export interface SseReaderCallbacks {
  /** `data` is decoded only when read, so events a tap skips by name cost no UTF-8 decoding. */
  onEvent(event: SseEvent): void;
  /** A line that was not valid SSE (an unknown field, a bad retry value). */
  onMalformed(): void;
  /** Also shown every event, after onEvent (a budget guard watching the same stream). */
  alsoOnEvent?: ((event: SseEvent) => void) | undefined;
  /**
   * When set, an event whose name it refuses is dropped before it is built (most events of a long stream
   * are deltas a usage tap has no use for). Ignored when alsoOnEvent is set: a guard sees every event.
   */
  wants?: ((name: string | undefined) => boolean) | undefined;
}
