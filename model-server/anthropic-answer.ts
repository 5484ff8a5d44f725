// An answer in Anthropic Messages form: the SSE events of a stream, or the JSON message of a non-streaming call.
import type { AnswerContent } from './answer-content.js';
import { buildAnthropicError, type ApiErrorSpec } from './error-envelopes.js';
import { toAnthropicUsage, type ResolvedUsage } from './resolve-usage.js';
import type { UsageStyle } from './script-schema.js';
import { frame, type SseFrame } from './sse-frame.js';

export interface AnthropicAnswerContext {
  seq: number;
  model: string;
  usage: ResolvedUsage;
  style: UsageStyle;
}

/**
 * message_start (usage with output_tokens 1; zeros in GLM style), the content blocks (a ping after the first block
 * starts), message_delta with the cumulative final usage, message_stop. With `streamError`, the stream stops after
 * message_start with an `error` event instead.
 */
export function buildAnthropicFrames(content: AnswerContent, context: AnthropicAnswerContext, streamError?: ApiErrorSpec): SseFrame[] {
  const frames: SseFrame[] = [
    frame('message_start', {
      message: {
        id: messageId(context.seq),
        type: 'message',
        role: 'assistant',
        model: context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: toAnthropicUsage(context.usage, 'start', context.style),
      },
    }),
  ];
  if (streamError) return [...frames, frame('ping'), frame('error', { error: buildAnthropicError(streamError).error })];
  let index = 0;
  if (content.textDeltas.length > 0) {
    frames.push(frame('content_block_start', { index, content_block: { type: 'text', text: '' } }), frame('ping'));
    for (const text of content.textDeltas) frames.push(frame('content_block_delta', { index, delta: { type: 'text_delta', text } }));
    frames.push(frame('content_block_stop', { index }));
    index += 1;
  }
  if (content.toolCall) {
    const call = content.toolCall;
    frames.push(
      frame('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: toolUseId(context.seq, index), name: call.name, input: {} },
      }),
    );
    if (index === 0) frames.push(frame('ping'));
    for (const partial_json of call.argumentDeltas)
      frames.push(frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }));
    frames.push(frame('content_block_stop', { index }));
  }
  frames.push(
    frame('message_delta', {
      delta: { stop_reason: content.toolCall ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: toAnthropicUsage(context.usage, 'final', context.style),
    }),
    frame('message_stop'),
  );
  return frames;
}

/** The whole message of a non-streaming call. */
export function buildAnthropicMessage(content: AnswerContent, context: AnthropicAnswerContext): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [];
  if (content.textDeltas.length > 0) blocks.push({ type: 'text', text: content.textDeltas.join('') });
  if (content.toolCall)
    blocks.push({
      type: 'tool_use',
      id: toolUseId(context.seq, blocks.length),
      name: content.toolCall.name,
      input: content.toolCall.input,
    });
  return {
    id: messageId(context.seq),
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: blocks,
    stop_reason: content.toolCall ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: toAnthropicUsage(context.usage, 'final', context.style),
  };
}

function messageId(seq: number): string {
  return `msg_scripted_${String(seq).padStart(6, '0')}`;
}

function toolUseId(seq: number, index: number): string {
  return `toolu_scripted_${String(seq).padStart(6, '0')}_${index}`;
}
