// Turns raw SSE bytes, split anywhere (mid UTF-8 character, mid CRLF, mid field), into whole events.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseReader {
  /** Feeds one chunk of the body; never throws. */
  push(chunk: Uint8Array): void;
  /** Flushes the decoder and any last event that lacked its closing blank line; never throws. */
  finish(): void;
}

export interface SseReaderCallbacks {
  onEvent(event: EventSourceMessage): void;
  /** A line that was not valid SSE (an unknown field, a bad retry value). */
  onMalformed(): void;
}

export function createSseReader(callbacks: SseReaderCallbacks): SseReader {
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({ onEvent: callbacks.onEvent, onError: callbacks.onMalformed });
  let finished = false;
  return {
    push(chunk) {
      if (finished) return;
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') parser.feed(text);
      } catch {
        callbacks.onMalformed();
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      try {
        // A body cut before its final blank line still holds its last event: dispatch it (a cut JSON
        // payload then counts as malformed where the caller needed it).
        parser.feed(`${decoder.decode()}\n\n`);
      } catch {
        callbacks.onMalformed();
      }
    },
  };
}
