// Counts the output a stream has produced so far from its content deltas, before the API reports it.
import { createSseReader, type SseReader } from '../tap/sse-reader.js';
import type { ApiKind } from '../tap/usage-tap.js';

/**
 * The APIs report output tokens only at the end of a stream, so a budget must count as the deltas pass.
 * The estimate is characters / 4 (Anthropic's and OpenAI's rule of thumb for English and code, and how
 * the scripted server sizes its answers); `settle` replaces it with the reported count when that comes.
 */
export const CHARS_PER_TOKEN = 4;

const DELTA_EVENTS = new Set(['content_block_delta', 'response.output_text.delta', 'response.function_call_arguments.delta', 'response.reasoning_summary_text.delta']);

export interface StreamOutputCounter {
  /** Feeds whole events (what the aligner passes on); returns the output tokens estimated so far. */
  push(chunk: Buffer): number;
  readonly estimatedTokens: number;
  /** The content block still open (Anthropic), so a cut can close it. */
  readonly openBlock: number | null;
  readonly messageId: string | null;
  /** Prompt tokens the stream reported at its start (Anthropic message_start), zero until then. */
  readonly inputSoFar: { input: number; cache_read: number; cache_creation: number };
}

export function createStreamOutputCounter(kind: ApiKind): StreamOutputCounter {
  let chars = 0;
  let openBlock: number | null = null;
  let messageId: string | null = null;
  const inputSoFar = { input: 0, cache_read: 0, cache_creation: 0 };
  const reader: SseReader = createSseReader({
    onEvent(event) {
      const name = event.event ?? '';
      if (DELTA_EVENTS.has(name)) {
        chars += readDeltaLength(kind, event.data);
      } else if (name === 'content_block_start') {
        openBlock = readIndex(event.data);
      } else if (name === 'content_block_stop') {
        openBlock = null;
      } else if (name === 'message_start' || name === 'response.created') {
        messageId = readMessageId(event.data);
        if (name === 'message_start') Object.assign(inputSoFar, readStartUsage(event.data));
      }
    },
    onMalformed() {},
  });
  return {
    push(chunk) {
      reader.push(chunk);
      return Math.ceil(chars / CHARS_PER_TOKEN);
    },
    get estimatedTokens() {
      return Math.ceil(chars / CHARS_PER_TOKEN);
    },
    get openBlock() {
      return openBlock;
    },
    get messageId() {
      return messageId;
    },
    inputSoFar,
  };
}

function readDeltaLength(kind: ApiKind, data: string): number {
  try {
    const parsed = JSON.parse(data) as { delta?: unknown };
    if (kind === 'openai-responses') return typeof parsed.delta === 'string' ? parsed.delta.length : 0;
    const delta = parsed.delta as { text?: unknown; partial_json?: unknown; thinking?: unknown } | undefined;
    const text = delta?.text ?? delta?.partial_json ?? delta?.thinking;
    return typeof text === 'string' ? text.length : 0;
  } catch {
    // An unreadable delta still carried output: count its raw size.
    return data.length;
  }
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
    return { input: count(usage.input_tokens), cache_read: count(usage.cache_read_input_tokens), cache_creation: count(usage.cache_creation_input_tokens) };
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
