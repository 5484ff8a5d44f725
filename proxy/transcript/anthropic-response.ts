// Anthropic Messages for the transcript: a request's messages and tools, and its answer (SSE events or a JSON body).
import type { MessageBlock } from '../../ledger/evidence/index.js';
import {
  appendDraftText,
  appendDraftToolInput,
  asRecord,
  asString,
  type DraftToolCall,
  joinText,
  type ResponseDraft,
  startDraftToolCall,
  stringifyInput,
} from './response-draft.js';
import { readToolNames, type TranscriptReader } from './transcript-reader.js';

/**
 * Streaming events (https://docs.anthropic.com/en/docs/build-with-claude/streaming): `content_block_start` opens a
 * block at an index (text, tool_use with id and name, thinking), `content_block_delta` carries `text_delta` or
 * `input_json_delta` (partial JSON of the tool input) for it, `message_delta` carries `delta.stop_reason`, and an
 * `error` event may end the stream. Thinking blocks are not kept: the transcript shows what the agent said and did.
 */
export function createAnthropicEventReader(draft: ResponseDraft): (type: string, data: unknown) => void {
  const tools = new Map<number, DraftToolCall>();
  return (type, data) => {
    const event = asRecord(data);
    if (!event) return;
    const index = typeof event.index === 'number' ? event.index : -1;
    switch (type) {
      case 'content_block_start': {
        const block = asRecord(event.content_block);
        if (block?.type === 'tool_use' || block?.type === 'server_tool_use') {
          // The start carries `input: {}`; the real input follows as input_json_delta pieces.
          tools.set(index, startDraftToolCall(draft, asString(block.id), asString(block.name) ?? 'tool'));
        } else if (block?.type === 'text') appendDraftText(draft, asString(block.text) ?? '');
        return;
      }
      case 'content_block_delta': {
        const delta = asRecord(event.delta);
        if (delta?.type === 'text_delta') appendDraftText(draft, asString(delta.text) ?? '');
        else if (delta?.type === 'input_json_delta') {
          const call = tools.get(index);
          if (call) appendDraftToolInput(draft, call, asString(delta.partial_json) ?? '');
        }
        return;
      }
      case 'message_delta':
        draft.stopReason = asString(asRecord(event.delta)?.stop_reason) ?? draft.stopReason;
        return;
      case 'error': {
        const error = asRecord(event.error);
        draft.stopReason = `error: ${asString(error?.type) ?? 'error'}`;
        appendDraftText(draft, `\n[stream error: ${asString(error?.message) ?? ''}]`);
        return;
      }
      default:
        return;
    }
  };
}

/** A non-streamed answer: `{ content: [{type: 'text', text} | {type: 'tool_use', id, name, input}], stop_reason }`. */
export function readAnthropicBody(draft: ResponseDraft, body: unknown): void {
  const message = asRecord(body);
  if (!message) return;
  const content = Array.isArray(message.content) ? message.content : [];
  for (const item of content) {
    const block = asRecord(item);
    if (block?.type === 'text') appendDraftText(draft, asString(block.text) ?? '');
    else if (block?.type === 'tool_use' || block?.type === 'server_tool_use')
      startDraftToolCall(draft, asString(block.id), asString(block.name) ?? 'tool', stringifyInput(block.input));
  }
  draft.stopReason = asString(message.stop_reason) ?? draft.stopReason;
}

/** A request's `messages: [{role, content: string | blocks}]` and `tools: [{name}]`. */
export const ANTHROPIC_TRANSCRIPT: TranscriptReader = {
  readRequest: (request) => ({ messages: Array.isArray(request.messages) ? request.messages : [], tools: readToolNames(request.tools) }),
  readMessage: (item, cut) => ({ role: asString(item.role) ?? 'user', blocks: readAnthropicBlocks(item.content, cut) }),
  createEventReader: createAnthropicEventReader,
  readBody: readAnthropicBody,
};

function readAnthropicBlocks(content: unknown, cut: (text: string) => string): MessageBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: cut(content) }];
  if (!Array.isArray(content)) return [];
  return content.map((value): MessageBlock => {
    const block = asRecord(value) ?? {};
    switch (block.type) {
      case 'text':
        return { type: 'text', text: cut(asString(block.text) ?? '') };
      case 'tool_use':
        return { type: 'tool_use', id: asString(block.id), name: asString(block.name) ?? 'tool', input: cut(stringifyInput(block.input)) };
      case 'tool_result':
        return {
          type: 'tool_result',
          tool_use_id: asString(block.tool_use_id),
          text: cut(joinText(block.content)),
          is_error: block.is_error === true,
        };
      default:
        return { type: 'other', kind: asString(block.type) ?? 'unknown' };
    }
  });
}
