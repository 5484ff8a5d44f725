// Counts the output a stream has produced so far from its content deltas, before the API reports it.
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { SseEvent } from '../tap/sse-reader.js';
import type { ApiKind } from '../tap/usage-tap.js';

/**
 * The APIs report output tokens only at the end of a stream, so a budget must count as the deltas pass.
 * The estimate is characters / 4 (Anthropic's and OpenAI's rule of thumb for English and code, and how
 * the scripted server sizes its answers); `settle` replaces it with the reported count when that comes.
 * A delta's text is taken as its event's data size less the JSON around it (by its delta type) and less one character
 * an escape (`\n`, `\"`: a tool call's arguments are JSON inside a JSON string, escaped twice), without parsing: this runs
 * on every event of every guarded stream. A thinking block's `signature_delta` is no output text and counts nothing.
 * Before, every Anthropic delta was taken for a text_delta and escapes counted whole: a tool call's small
 * `input_json_delta` events counted 14 characters of wrapping each as output, which a stream's own cap could not hold.
 * Multi-byte characters still count a little high, which cuts a little early, never late. Where the upstream reports
 * its running count (a `message_delta` with `usage.output_tokens`, cumulative), that count is taken, and only the text
 * after it is estimated (a cut stream was charged the estimate whatever the upstream had said, before).
 */
export const CHARS_PER_TOKEN = 4;

/** Bytes of JSON around an Anthropic delta's text, by the delta's type; a type not listed carries no output text. */
const BLOCK_DELTA_WRAPPING: Record<string, number> = {
  text_delta: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""}}'.length,
  input_json_delta: '{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}'.length,
  thinking_delta: '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":""}}'.length,
};
const DELTA_TYPE_AT = '"delta":{"type":"';

/** Bytes of JSON around a Responses delta's text, e.g. `{"type":"response.output_text.delta",...,"delta":""}`. */
const DELTA_WRAPPING: Record<string, number> = {
  'response.output_text.delta': '{"type":"response.output_text.delta","item_id":"msg_0","output_index":0,"content_index":0,"delta":""}'
    .length,
  'response.function_call_arguments.delta': '{"type":"response.function_call_arguments.delta","item_id":"fc_0","output_index":0,"delta":""}'
    .length,
  'response.reasoning_summary_text.delta':
    '{"type":"response.reasoning_summary_text.delta","item_id":"rs_0","output_index":0,"summary_index":0,"delta":""}'.length,
};

const TERMINAL_EVENTS = new Set(['message_stop', 'response.completed', 'response.incomplete', 'response.failed']);

const DELTA_EVENTS = new Set([
  'content_block_delta',
  'response.output_text.delta',
  'response.function_call_arguments.delta',
  'response.reasoning_summary_text.delta',
]);

export interface StreamOutputCounter {
  /** Shown each event of the stream (by the usage tap, which parses it anyway). */
  observe(event: SseEvent): void;
  readonly estimatedTokens: number;
  /** The content block still open (Anthropic), so a cut can close it. */
  readonly openBlock: number | null;
  readonly messageId: string | null;
  /** True once the stream's own end went by (message_stop, response.completed/incomplete/failed). */
  readonly ended: boolean;
  /** Prompt tokens the stream reported at its start (Anthropic message_start), zero until then. */
  readonly inputSoFar: { input: number; cache_read: number; cache_creation: number };
}

export function createStreamOutputCounter(kind: ApiKind): StreamOutputCounter {
  // Unnamed events (Gemini's chunks) are read by their protocol; the named ones below are Anthropic's and OpenAI's.
  const readProgress = findProxyProtocol(kind).createStreamProgress?.();
  let chars = 0;
  /** The upstream's last running output count, and the characters counted when it came. */
  let reported: { tokens: number; chars: number } | null = null;
  let openBlock: number | null = null;
  let messageId: string | null = null;
  let ended = false;
  const inputSoFar = { input: 0, cache_read: 0, cache_creation: 0 };
  return {
    observe(event) {
      const name = event.event ?? '';
      if (name === '' && readProgress) {
        const progress = readProgress(event.data);
        if (progress === null) return;
        chars += progress.chars;
        if (progress.output !== null) reported = { tokens: progress.output, chars };
        if (progress.input) Object.assign(inputSoFar, progress.input);
        ended ||= progress.ended;
      } else if (DELTA_EVENTS.has(name)) {
        const data = event.data;
        const wrapping = name === 'content_block_delta' ? readBlockWrapping(data) : (DELTA_WRAPPING[name] ?? 0);
        if (wrapping !== null) chars += Math.max(0, (event.size ?? data.length) - wrapping - countEscapes(data));
      } else if (name === 'message_delta') {
        const tokens = readDeltaOutput(event.data);
        if (tokens !== null) reported = { tokens, chars };
      } else if (TERMINAL_EVENTS.has(name)) {
        ended = true;
      } else if (name === 'content_block_start') {
        openBlock = readIndex(event.data);
      } else if (name === 'content_block_stop') {
        openBlock = null;
      } else if (name === 'message_start' || name === 'response.created') {
        messageId = readMessageId(event.data);
        if (name === 'message_start') Object.assign(inputSoFar, readStartUsage(event.data));
      }
    },
    get estimatedTokens() {
      return reported === null
        ? Math.ceil(chars / CHARS_PER_TOKEN)
        : reported.tokens + Math.ceil((chars - reported.chars) / CHARS_PER_TOKEN);
    },
    get openBlock() {
      return openBlock;
    },
    get messageId() {
      return messageId;
    },
    get ended() {
      return ended;
    },
    inputSoFar,
  };
}

/** The JSON around an Anthropic delta's text, by its `delta.type`; null for a delta that carries no output text. */
function readBlockWrapping(data: string): number | null {
  const at = data.indexOf(DELTA_TYPE_AT);
  if (at < 0) return BLOCK_DELTA_WRAPPING.text_delta ?? 0;
  const from = at + DELTA_TYPE_AT.length;
  return BLOCK_DELTA_WRAPPING[data.slice(from, data.indexOf('"', from))] ?? null;
}

/** Backslashes in the data: each escape is one character of text written as two (or more). */
function countEscapes(data: string): number {
  let count = 0;
  for (let at = data.indexOf('\\'); at >= 0; at = data.indexOf('\\', at + 1)) count += 1;
  return count;
}

function readIndex(data: string): number | null {
  try {
    const index = (JSON.parse(data) as { index?: unknown }).index;
    return typeof index === 'number' ? index : null;
  } catch {
    return null;
  }
}

function readStartUsage(data: string): { input: number; cache_read: number; cache_creation: number } {
  try {
    const usage = (JSON.parse(data) as { message?: { usage?: Record<string, unknown> } }).message?.usage ?? {};
    const count = (value: unknown): number => (typeof value === 'number' && value > 0 ? value : 0);
    return {
      input: count(usage.input_tokens),
      cache_read: count(usage.cache_read_input_tokens),
      cache_creation: count(usage.cache_creation_input_tokens),
    };
  } catch {
    return { input: 0, cache_read: 0, cache_creation: 0 };
  }
}

function readMessageId(data: string): string | null {
  try {
    const parsed = JSON.parse(data) as { message?: { id?: unknown }; response?: { id?: unknown } };
    const id = parsed.message?.id ?? parsed.response?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** A `message_delta`'s cumulative `usage.output_tokens`, or null when it has none. */
function readDeltaOutput(data: string): number | null {
  try {
    const output = (JSON.parse(data) as { usage?: { output_tokens?: unknown } }).usage?.output_tokens;
    return typeof output === 'number' && Number.isFinite(output) && output >= 0 ? output : null;
  } catch {
    return null;
  }
}
