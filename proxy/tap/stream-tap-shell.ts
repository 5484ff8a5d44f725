// The part every SSE usage tap shares: an SSE reader feeding its event handler, and a result fixed at finish.
import { createSseReader, type SseEvent } from './sse-reader.js';
import { copyResult } from './tap-values.js';
import type { TapOptions, TapResult, UsageTap } from './usage-tap.js';

/**
 * Wraps a tap's `onEvent` (which updates `state`) into a UsageTap; malformed lines are counted in `state`.
 * `wants` names the events onEvent does something with (the others are not built; see SseReaderCallbacks).
 */
export function createStreamTapShell(
  state: TapResult,
  onEvent: (event: SseEvent) => void,
  options: TapOptions,
  wants?: (name: string | undefined) => boolean,
): UsageTap {
  let result: TapResult | null = null;
  const reader = createSseReader({ onEvent, onMalformed: () => void (state.malformed += 1), alsoOnEvent: options.onEvent, wants });
  return {
    push(chunk) {
      if (result === null) reader.push(chunk);
    },
    finish() {
      if (result === null) {
        reader.finish();
        result = copyResult(state);
      }
      return copyResult(result);
    },
  };
}
