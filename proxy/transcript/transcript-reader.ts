// What the transcript needs of a wire protocol: a request's conversation and tools, one message's blocks, the answer.
import type { MessageBlock } from '../../ledger/evidence/index.js';
import type { ResponseDraft } from './response-draft.js';

/** Each protocol declares one (proxy/protocols/): read-request-turn.ts and collect-response.ts choose by protocol. */
export interface TranscriptReader {
  /** The whole conversation a request sends (clients resend it every turn), unconverted, and its tools' names. */
  readRequest(request: Record<string, unknown>): { messages: unknown[]; tools: string[] };
  /** One message of it: its role and blocks, each text passed through `cut` (redaction, then the cap). */
  readMessage(item: Record<string, unknown>, cut: (text: string) => string): { role: string; blocks: MessageBlock[] };
  /** A reader of the answer's stream events, in order (`type` is the SSE event name, or the data's `type`, or ''). */
  createEventReader(draft: ResponseDraft): (type: string, data: unknown) => void;
  /** A whole JSON answer. */
  readBody(draft: ResponseDraft, body: unknown): void;
}

/** The names of a request's `tools: [{name} | {type}]` (Messages and Responses). */
export function readToolNames(tools: unknown): string[] {
  return (Array.isArray(tools) ? tools : []).map((tool) => {
    const record = typeof tool === 'object' && tool !== null ? (tool as Record<string, unknown>) : null;
    return typeof record?.name === 'string' ? record.name : typeof record?.type === 'string' ? record.type : 'tool';
  });
}
