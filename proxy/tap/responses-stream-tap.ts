// A usage tap for the OpenAI Responses SSE stream (what Codex speaks): token counts, first-token time, model, errors.
import type { EventSourceMessage } from 'eventsource-parser';
import { applyResponsesUsage } from './responses-usage.js';
import { createEmptyUsage, isRecord, readStreamError, readText, readTypedEvent } from './tap-values.js';
import { createStreamTapShell } from './stream-tap-shell.js';
import type { TapOptions, TapResult, UsageTap } from './usage-tap.js';

/** Events whose JSON the tap reads; every other named event is recognised by its name alone. */
const PARSED = new Set(['response.created', 'response.completed', 'response.incomplete', 'response.failed', 'error']);

/**
 * Event flow: `response.created`, `response.in_progress`, then per output item `response.output_item.added`,
 * content deltas (`response.output_text.delta`, `response.function_call_arguments.delta`,
 * `response.reasoning_summary_text.delta`, …) and `response.output_item.done`; it ends with
 * `response.completed`, `response.incomplete` or `response.failed` (no `[DONE]`), or an `error` event.
 *
 * First token: the first `*.delta` event (text, tool-call arguments, reasoning, refusal; any content the
 * model generates), or an `response.output_item.done` for an item that arrived whole without deltas.
 * `response.output_item.added` does not count: like Anthropic's `content_block_start` it announces an
 * empty item before any generated content, so counting it would make the two APIs' TTFT incomparable.
 *
 * Complete: `response.completed` or `response.incomplete` (a terminal state with usage, e.g.
 * max_output_tokens reached). `response.failed` sets `streamError` and leaves `complete` false.
 */
export function createResponsesStreamTap(options: TapOptions = {}): UsageTap {
  const now = options.now ?? (() => performance.now());
  const state: TapResult = { usage: createEmptyUsage(), firstTokenAt: null, model: null, streamError: null, complete: false, malformed: 0 };

  const readResponse = (data: unknown): Record<string, unknown> | null => {
    const response = isRecord(data) ? data.response : undefined;
    if (!isRecord(response)) return null;
    state.model = readText(response.model) ?? state.model;
    applyResponsesUsage(state.usage, response.usage);
    return response;
  };

  const handle = (type: string, data: unknown): void => {
    if (type.endsWith('.delta') || type === 'response.output_item.done') {
      if (state.firstTokenAt === null) state.firstTokenAt = now();
      return;
    }
    switch (type) {
      case 'response.created':
        // Names the model early, for a stream cut before its terminal event.
        readResponse(data);
        return;
      case 'response.completed':
      case 'response.incomplete':
        readResponse(data);
        state.complete = true;
        return;
      case 'response.failed': {
        const response = readResponse(data);
        state.streamError = readStreamError(response?.error, 'response_failed');
        return;
      }
      case 'error': {
        // `{"type":"error","code":…,"message":…}` as documented; some servers nest it as `{"error":{…}}`.
        const code = isRecord(data) ? readText(data.code) : null;
        if (isRecord(data) && isRecord(data.error)) state.streamError = readStreamError(data.error, code ?? 'error');
        else state.streamError = { type: code ?? 'error', message: isRecord(data) && typeof data.message === 'string' ? data.message : '' };
        return;
      }
      default:
        return;
    }
  };

  const onEvent = (event: EventSourceMessage): void => {
    const name = event.event;
    if (name !== undefined && !PARSED.has(name)) return handle(name, undefined);
    const typed = readTypedEvent(event, state);
    if (typed) handle(typed.type, typed.data);
  };

  // Other named events only ever set the first-token time: once it is set they need not be built.
  const wants = (name: string | undefined): boolean => name === undefined || PARSED.has(name) || state.firstTokenAt === null;
  return createStreamTapShell(state, onEvent, options, wants);
}
