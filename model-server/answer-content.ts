// What a step answers, independent of the API: text deltas and an optional tool call with its argument deltas.
import { adaptToolCall, type AdaptContext } from './adapt-tool-call.js';
import type { ModelApi } from './inspect-request.js';
import type { Step } from './script-schema.js';
import { splitDeltas } from './split-deltas.js';

export interface AnswerContent {
  /** Text deltas; empty when the answer has no text block. */
  textDeltas: string[];
  toolCall: { name: string; input: Record<string, unknown>; argumentDeltas: string[] } | null;
}

const DISCONNECT_TEXT = 'This answer is cut off before it ends.';
const MALFORMED_TEXT = 'This answer carries a broken event.';

export function planAnswerContent(step: Step, api: ModelApi, context: AdaptContext): AnswerContent {
  switch (step.type) {
    case 'text':
      return { textDeltas: splitDeltas(step.text, step.events), toolCall: null };
    case 'tool_use': {
      const scripted = api === 'openai-responses' && step.responses ? step.responses : { name: step.name, input: step.input };
      const call = adaptToolCall(scripted, context);
      return {
        textDeltas: step.text ? [step.text] : [],
        toolCall: { ...call, argumentDeltas: splitDeltas(JSON.stringify(call.input), step.events, { pad: false }) },
      };
    }
    case 'disconnect':
      return { textDeltas: splitDeltas(step.text ?? DISCONNECT_TEXT, step.events ?? 4), toolCall: null };
    case 'malformed':
      return { textDeltas: splitDeltas(step.text ?? MALFORMED_TEXT, step.events ?? 3), toolCall: null };
    case 'error':
      return { textDeltas: [], toolCall: null };
  }
}

/** Characters the answer carries, for the default output-token estimate. */
export function measureAnswer(content: AnswerContent): number {
  const text = content.textDeltas.join('').length;
  const call = content.toolCall ? content.toolCall.argumentDeltas.join('').length + content.toolCall.name.length : 0;
  return text + call;
}

export function joinText(content: AnswerContent): string {
  return content.textDeltas.join('');
}
