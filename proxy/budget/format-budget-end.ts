// The events that end a stream cleanly when a block-mode budget is crossed, in each API's own shape.
import type { ApiKind } from '../tap/usage-tap.js';

export interface BudgetEnd {
  openBlock: number | null;
  outputTokens: number;
  messageId: string | null;
  message: string;
}

/**
 * Anthropic: close the open block, then `message_delta` with stop_reason `max_tokens` (the client treats
 * the answer as cut at a token limit, which it is) and `message_stop`. Responses: `response.incomplete`
 * with reason `max_output_tokens`. Either way the client gets a well-formed end, not a broken socket.
 */
export function formatBudgetEnd(kind: ApiKind, end: BudgetEnd): string {
  const event = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  if (kind === 'openai-responses') {
    return event('response.incomplete', {
      response: {
        id: end.messageId,
        object: 'response',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens', message: end.message },
        usage: { output_tokens: end.outputTokens },
      },
    });
  }
  const parts: string[] = [];
  if (end.openBlock !== null) parts.push(event('content_block_stop', { index: end.openBlock }));
  parts.push(
    event('message_delta', { delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: end.outputTokens } }),
  );
  parts.push(event('message_stop', {}));
  return parts.join('');
}
