// Reads a Messages or Responses request body for the transcript: its conversation, the tools offered, and a key for it.
import type { MessageBlock, TurnMessage } from '../../ledger/evidence/index.js';
import { redactAndCut } from '../../ledger/evidence/index.js';
import { redactKnownKeys } from '../server/redact-known-keys.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { asRecord, asString, stringifyInput } from './response-draft.js';

export interface RequestConversation {
  /** The whole conversation as sent (clients resend it every turn), not yet converted. */
  messages: unknown[];
  tools: string[];
  /** Tells one conversation from another in a session (the main agent from a sub-agent): its first message's text. */
  firstText: string;
}

/**
 * Anthropic Messages: `messages: [{role, content}]`, `tools: [{name}]`. OpenAI Responses (Codex): `input` (a string, or
 * items: messages, function_call, function_call_output, ...), `tools: [{type, name?}]`. Null for a body that is not JSON.
 */
export function readRequestConversation(kind: ApiKind, body: Buffer): RequestConversation | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const request = asRecord(parsed);
  if (!request) return null;
  const raw = kind === 'anthropic-messages' ? request.messages : request.input;
  const messages = typeof raw === 'string' ? [{ role: 'user', content: raw }] : Array.isArray(raw) ? raw : [];
  const tools = (Array.isArray(request.tools) ? request.tools : []).map((tool) => {
    const record = asRecord(tool);
    return asString(record?.name) ?? asString(record?.type) ?? 'tool';
  });
  const first = messages[0] === undefined ? null : convertMessage(kind, messages[0], Number.POSITIVE_INFINITY);
  return { messages, tools, firstText: first ? JSON.stringify(first.message.blocks).slice(0, 4096) : '' };
}

/** One message as a TurnMessage, each text redacted (`secrets` by value, then keys by shape) then cut to `cap` bytes. */
export function convertMessage(
  kind: ApiKind,
  value: unknown,
  cap: number,
  secrets: readonly string[] = [],
): { message: TurnMessage; truncated: boolean } {
  const item = asRecord(value) ?? {};
  let truncated = false;
  const cut = (text: string): string => {
    if (!Number.isFinite(cap)) return text;
    const result = redactAndCut(redactKnownKeys(text, secrets), cap);
    truncated ||= result.truncated;
    return result.text;
  };
  const blocks = kind === 'anthropic-messages' ? readAnthropicBlocks(item.content, cut) : readResponsesItem(item, cut);
  const role = asString(item.role) ?? (kind === 'openai-responses' ? describeItemRole(asString(item.type)) : 'user');
  return { message: { role, blocks }, truncated };
}

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

function describeItemRole(type: string | null): string {
  if (type?.endsWith('_call_output')) return 'tool';
  return 'assistant';
}

/** A string, or the texts of an array of parts (`{type: 'text' | 'input_text' | 'output_text', text}`) joined. */
function joinText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : stringifyInput(content);
  return content
    .map((part) => {
      const record = asRecord(part);
      return asString(record?.text) ?? (record?.type ? `[${String(record.type)}]` : '');
    })
    .join('\n');
}
