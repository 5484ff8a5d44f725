// A usage tap for the Anthropic Messages SSE stream: token counts, first-token time, model, in-stream errors.
import type { EventSourceMessage } from 'eventsource-parser';
import { applyAnthropicUsage } from './anthropic-usage.js';
import { createEmptyUsage, isRecord, readStreamError, readText, readTypedEvent } from './tap-values.js';
import { createStreamTapShell } from './stream-tap-shell.js';
import type { TapOptions, TapResult, UsageTap } from './usage-tap.js';

/**
 * Event flow: `message_start` (message.usage, message.model), content blocks (`content_block_start`,
 * `content_block_delta`…, `content_block_stop`), `message_delta` (cumulative usage), `message_stop`;
 * `ping` and `error` may appear anywhere. Only the events that matter are JSON-parsed; a
 * `content_block_delta` is recognised by its SSE event name alone. An event without a name falls back
 * to the `type` inside its JSON.
 */
export function createAnthropicStreamTap(options: TapOptions = {}): UsageTap {
  const now = options.now ?? (() => performance.now());
  const state: TapResult = { usage: createEmptyUsage(), firstTokenAt: null, model: null, streamError: null, complete: false, malformed: 0 };

  const handle = (type: string, data: unknown): void => {
    switch (type) {
      case 'content_block_delta':
        if (state.firstTokenAt === null) state.firstTokenAt = now();
        return;
      case 'message_stop':
        state.complete = true;
        return;
      case 'message_start': {
        const message = isRecord(data) ? data.message : undefined;
        if (!isRecord(message)) return;
        state.model = readText(message.model) ?? state.model;
        applyAnthropicUsage(state.usage, message.usage);
        return;
      }
      case 'message_delta':
        if (isRecord(data)) applyAnthropicUsage(state.usage, data.usage);
        return;
      case 'error':
        state.streamError = readStreamError(isRecord(data) ? data.error : undefined, 'error');
        return;
      default:
        return;
    }
  };

  const onEvent = (event: EventSourceMessage): void => {
    const name = event.event;
    if (name === 'content_block_delta' || name === 'message_stop') return handle(name, undefined);
    if (name !== undefined && name !== 'message_start' && name !== 'message_delta' && name !== 'error') return;
    const typed = readTypedEvent(event, state);
    if (typed) handle(typed.type, typed.data);
  };

  // What onEvent acts on: unnamed events (read by their JSON type), the four it parses, and deltas until the first one.
  const wants = (name: string | undefined): boolean =>
    name === undefined ||
    name === 'message_start' ||
    name === 'message_delta' ||
    name === 'message_stop' ||
    name === 'error' ||
    (name === 'content_block_delta' && state.firstTokenAt === null);
  return createStreamTapShell(state, onEvent, options, wants);
}
