// The full SSE parser (eventsource-parser), for streams the byte reader leaves alone (bare-CR line ends).
import { createParser } from 'eventsource-parser';
import type { SseReader, SseReaderCallbacks } from './sse-types.js';

/** The full parser, for streams the byte reader leaves alone. */
export function createParserReader(callbacks: SseReaderCallbacks): SseReader {
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({ onEvent: callbacks.onEvent, onError: callbacks.onMalformed });
  return {
    push(chunk) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') parser.feed(text);
      } catch {
        callbacks.onMalformed();
      }
    },
    finish() {
      try {
        parser.feed(`${decoder.decode()}\n\n`);
      } catch {
        callbacks.onMalformed();
      }
    },
  };
}
