// The SSE event names the model APIs send, read from the bytes without building a new string for each event.

/** Anthropic Messages and OpenAI Responses event names (the ones a long stream repeats, and the ones the taps read). */
const KNOWN = [
  'message_start',
  'message_delta',
  'message_stop',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'ping',
  'error',
  'response.created',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.reasoning_summary_text.delta',
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_part.done',
];

/** Known names by byte length (names are ASCII: one byte per character). */
const BY_LENGTH = new Map<number, string[]>();
for (const name of KNOWN) BY_LENGTH.set(name.length, [...(BY_LENGTH.get(name.length) ?? []), name]);

/**
 * The event name in `data[start, end)`: the same string every time for a known name (a stream of ~60
 * `content_block_delta` events then decodes none of them), a decoded one otherwise.
 */
export function readEventName(data: Buffer, start: number, end: number): string {
  const candidates = BY_LENGTH.get(end - start);
  if (candidates) {
    for (const name of candidates) if (matchesAscii(data, start, name)) return name;
  }
  return data.toString('utf8', start, end);
}

/** Compared from the end: names that share a length mostly differ in their last part (`…_delta`, `…_start`). */
function matchesAscii(data: Buffer, start: number, name: string): boolean {
  for (let i = name.length - 1; i >= 0; i -= 1) if (data[start + i] !== name.charCodeAt(i)) return false;
  return true;
}
