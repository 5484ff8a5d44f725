// An answer in OpenAI Responses form: the SSE events Codex reads (ending in response.completed with usage), or the JSON response.
import type { AnswerContent } from './answer-content.js';
import { buildOpenAiError, type ApiErrorSpec } from './error-envelopes.js';
import { toResponsesUsage, type ResolvedUsage } from './resolve-usage.js';
import { frame, type SseFrame } from './sse-frame.js';

export interface ResponsesAnswerContext {
  seq: number;
  model: string;
  usage: ResolvedUsage;
  /** Epoch seconds. */
  createdAt: number;
}

/**
 * response.created, then per output item output_item.added, its deltas (output_text.delta, or
 * function_call_arguments.delta and .done) and output_item.done, then response.completed carrying usage.
 * With `streamError`, response.created is followed by response.failed.
 */
export function buildResponsesFrames(content: AnswerContent, context: ResponsesAnswerContext, streamError?: ApiErrorSpec): SseFrame[] {
  const response = baseResponse(context);
  const frames: SseFrame[] = [frame('response.created', { response })];
  if (streamError) {
    const { error } = buildOpenAiError(streamError) as { error: { message: string; type: string; code: string | null } };
    frames.push(
      frame('response.failed', {
        response: { ...response, status: 'failed', error: { code: error.code ?? error.type, message: error.message } },
      }),
    );
    return frames;
  }
  const items = buildOutputItems(content, context.seq);
  items.forEach((item, output_index) => {
    if (item.type === 'message') {
      frames.push(frame('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } }));
      for (const delta of content.textDeltas)
        frames.push(frame('response.output_text.delta', { item_id: item.id, output_index, content_index: 0, delta }));
    } else {
      frames.push(frame('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', arguments: '' } }));
      for (const delta of content.toolCall?.argumentDeltas ?? [])
        frames.push(frame('response.function_call_arguments.delta', { item_id: item.id, output_index, delta }));
      frames.push(frame('response.function_call_arguments.done', { item_id: item.id, output_index, arguments: item.arguments }));
    }
    frames.push(frame('response.output_item.done', { output_index, item }));
  });
  frames.push(
    frame('response.completed', { response: { ...response, status: 'completed', output: items, usage: toResponsesUsage(context.usage) } }),
  );
  return frames;
}

/** The completed response of a non-streaming call. */
export function buildResponsesBody(content: AnswerContent, context: ResponsesAnswerContext): Record<string, unknown> {
  return {
    ...baseResponse(context),
    status: 'completed',
    output: buildOutputItems(content, context.seq),
    usage: toResponsesUsage(context.usage),
  };
}

type OutputItem =
  | {
      id: string;
      type: 'message';
      status: 'completed';
      role: 'assistant';
      content: { type: 'output_text'; text: string; annotations: [] }[];
    }
  | { id: string; type: 'function_call'; status: 'completed'; arguments: string; call_id: string; name: string };

function buildOutputItems(content: AnswerContent, seq: number): OutputItem[] {
  const id = String(seq).padStart(6, '0');
  const items: OutputItem[] = [];
  if (content.textDeltas.length > 0) {
    items.push({
      id: `msg_scripted_${id}`,
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: content.textDeltas.join(''), annotations: [] }],
    });
  }
  if (content.toolCall) {
    const call = content.toolCall;
    items.push({
      id: `fc_scripted_${id}`,
      type: 'function_call',
      status: 'completed',
      arguments: call.argumentDeltas.join(''),
      call_id: `call_scripted_${id}`,
      name: call.name,
    });
  }
  return items;
}

function baseResponse(context: ResponsesAnswerContext): Record<string, unknown> {
  return {
    id: `resp_scripted_${String(context.seq).padStart(6, '0')}`,
    object: 'response',
    created_at: context.createdAt,
    status: 'in_progress',
    model: context.model,
    output: [],
  };
}
