// OpenAI Responses (what Codex speaks) for the transcript: a request's input items and tools, and its answer.
import type { MessageBlock } from '../../ledger/evidence/index.js';
import { appendDraftText, asRecord, asString, joinText, type ResponseDraft, startDraftToolCall, stringifyInput } from './response-draft.js';
import { readToolNames, type TranscriptReader } from './transcript-reader.js';

/**
 * Streaming events (https://platform.openai.com/docs/api-reference/responses-streaming): text arrives as
 * `response.output_text.delta`; every output item ends with `response.output_item.done` holding the whole item, which
 * is where tool calls are read (function_call, custom_tool_call, local_shell_call: their arguments come whole there,
 * so the argument deltas need not be joined). The stream ends with `response.completed`, `.incomplete` or `.failed`.
 */
export function createResponsesEventReader(draft: ResponseDraft): (type: string, data: unknown) => void {
  return (type, data) => {
    const event = asRecord(data);
    if (!event) return;
    switch (type) {
      case 'response.output_text.delta':
        appendDraftText(draft, asString(event.delta) ?? '');
        return;
      case 'response.output_item.done':
        readToolItem(draft, event.item);
        return;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        draft.stopReason = describeStatus(asRecord(event.response));
        return;
      case 'error':
        draft.stopReason = `error: ${asString(event.code) ?? asString(asRecord(event.error)?.type) ?? 'error'}`;
        appendDraftText(draft, `\n[stream error: ${asString(event.message) ?? asString(asRecord(event.error)?.message) ?? ''}]`);
        return;
      default:
        return;
    }
  };
}

/** A non-streamed answer: `{ status, incomplete_details, output: [message | function_call | ...] }`. */
export function readResponsesBody(draft: ResponseDraft, body: unknown): void {
  const response = asRecord(body);
  if (!response) return;
  for (const item of Array.isArray(response.output) ? response.output : []) {
    const record = asRecord(item);
    if (record?.type === 'message') {
      for (const part of Array.isArray(record.content) ? record.content : []) appendDraftText(draft, asString(asRecord(part)?.text) ?? '');
    } else readToolItem(draft, item);
  }
  draft.stopReason = describeStatus(response);
}

/** Any output item that is neither a message nor reasoning is a tool call of some kind. */
function readToolItem(draft: ResponseDraft, value: unknown): void {
  const item = asRecord(value);
  const type = asString(item?.type);
  if (!item || !type || type === 'message' || type === 'reasoning') return;
  const input = item.arguments ?? item.input ?? item.action ?? null;
  startDraftToolCall(draft, asString(item.call_id) ?? asString(item.id), asString(item.name) ?? type, stringifyInput(input));
}

/** `completed`, `incomplete: max_output_tokens`, `failed: server_error`. */
function describeStatus(response: Record<string, unknown> | null): string | null {
  const status = asString(response?.status);
  if (!status) return null;
  const reason = asString(asRecord(response?.incomplete_details)?.reason) ?? asString(asRecord(response?.error)?.code);
  return reason ? `${status}: ${reason}` : status;
}

/** A request's `input` (a string, or items: messages, function_call, function_call_output, ...) and `tools: [{type, name?}]`. */
export const RESPONSES_TRANSCRIPT: TranscriptReader = {
  readRequest: (request) => ({
    messages:
      typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : Array.isArray(request.input) ? request.input : [],
    tools: readToolNames(request.tools),
  }),
  readMessage: (item, cut) => ({
    role: asString(item.role) ?? (asString(item.type)?.endsWith('_call_output') ? 'tool' : 'assistant'),
    blocks: readResponsesItem(item, cut),
  }),
  createEventReader: createResponsesEventReader,
  readBody: readResponsesBody,
};

/** A Responses input item: a message (content a string or parts), a tool call, a tool call's output, or other. */
function readResponsesItem(item: Record<string, unknown>, cut: (text: string) => string): MessageBlock[] {
  const type = asString(item.type) ?? (item.role ? 'message' : 'unknown');
  if (type === 'message') return [{ type: 'text', text: cut(joinText(item.content)) }];
  if (type.endsWith('_call_output'))
    return [{ type: 'tool_result', tool_use_id: asString(item.call_id), text: cut(joinText(item.output)), is_error: false }];
  if (type.endsWith('_call')) {
    const input = stringifyInput(item.arguments ?? item.input ?? item.action ?? null);
    return [{ type: 'tool_use', id: asString(item.call_id) ?? asString(item.id), name: asString(item.name) ?? type, input: cut(input) }];
  }
  return [{ type: 'other', kind: type }];
}
