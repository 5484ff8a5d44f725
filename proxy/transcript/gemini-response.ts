// Google's Gemini API for the transcript: a request's contents and function declarations, and its answer's chunks.
import type { MessageBlock } from '../../ledger/evidence/index.js';
import { appendDraftText, asRecord, asString, type ResponseDraft, startDraftToolCall, stringifyInput } from './response-draft.js';
import type { TranscriptReader } from './transcript-reader.js';

/**
 * A request (ai.google.dev, GenerateContentRequest; Gemini CLI 0.61.0's, seen on loopback): `contents: [{role: 'user' |
 * 'model', parts: [{text} | {functionCall: {id?, name, args}} | {functionResponse: {id?, name, response}} | ...]}]`,
 * `tools: [{functionDeclarations: [{name, ...}]}]`. An answer, streamed or whole, is chunks of `{candidates: [{content:
 * {role: 'model', parts}, finishReason?}], usageMetadata}`; a part with `thought: true` is the model's thinking, not kept
 * (as Anthropic's thinking blocks are not). A chunk may carry `{error: {code, message, status}}` instead.
 */
export const GEMINI_TRANSCRIPT: TranscriptReader = {
  readRequest: (request) => ({
    messages: Array.isArray(request.contents) ? request.contents : [],
    tools: (Array.isArray(request.tools) ? request.tools : []).flatMap((tool) => {
      const record = asRecord(tool);
      const declared = Array.isArray(record?.functionDeclarations) ? record.functionDeclarations : [];
      const names = declared.map((entry) => asString(asRecord(entry)?.name) ?? 'function');
      // A built-in tool (googleSearch, codeExecution, ...) is named by its key.
      return names.length > 0 ? names : Object.keys(record ?? {});
    }),
  }),
  readMessage: (item, cut) => {
    const parts = (Array.isArray(item.parts) ? item.parts : []).map((part) => asRecord(part) ?? {});
    const blocks = parts.map((part) => readPart(part, cut));
    const answersTools = parts.length > 0 && parts.every((part) => part.functionResponse !== undefined);
    return { role: item.role === 'model' ? 'assistant' : answersTools ? 'tool' : (asString(item.role) ?? 'user'), blocks };
  },
  createEventReader: (draft) => (_type, data) => readChunk(draft, data),
  readBody: (draft, body) => {
    for (const chunk of Array.isArray(body) ? body : [body]) readChunk(draft, chunk);
  },
};

/** Code Assist (protocols/code-assist.ts): the same request inside `request`, each answer chunk inside `response`. */
export const CODE_ASSIST_TRANSCRIPT: TranscriptReader = {
  readRequest: (request) => GEMINI_TRANSCRIPT.readRequest(asRecord(request.request) ?? request),
  readMessage: GEMINI_TRANSCRIPT.readMessage,
  createEventReader: (draft) => {
    const read = GEMINI_TRANSCRIPT.createEventReader(draft);
    return (type, data) => read(type, unwrapResponse(data));
  },
  readBody: (draft, body) => GEMINI_TRANSCRIPT.readBody(draft, Array.isArray(body) ? body.map(unwrapResponse) : unwrapResponse(body)),
};

function unwrapResponse(value: unknown): unknown {
  return asRecord(asRecord(value)?.response) ?? value;
}

function readPart(part: Record<string, unknown>, cut: (text: string) => string): MessageBlock {
  const call = asRecord(part.functionCall);
  if (call)
    return {
      type: 'tool_use',
      id: asString(call.id),
      name: asString(call.name) ?? 'function',
      input: cut(stringifyInput(call.args ?? {})),
    };
  const result = asRecord(part.functionResponse);
  if (result) {
    const response = asRecord(result.response);
    return {
      type: 'tool_result',
      tool_use_id: asString(result.id),
      text: cut(stringifyInput(response ?? {})),
      is_error: response?.error !== undefined,
    };
  }
  if (part.thought === true) return { type: 'other', kind: 'thought' };
  if (typeof part.text === 'string') return { type: 'text', text: cut(part.text) };
  return { type: 'other', kind: Object.keys(part)[0] ?? 'unknown' };
}

function readChunk(draft: ResponseDraft, data: unknown): void {
  const chunk = asRecord(data);
  if (!chunk) return;
  const error = asRecord(chunk.error);
  if (error) {
    draft.stopReason = `error: ${asString(error.status) ?? String(error.code ?? 'error')}`;
    appendDraftText(draft, `\n[stream error: ${asString(error.message) ?? ''}]`);
    return;
  }
  const candidate = asRecord(Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined);
  const parts = asRecord(candidate?.content)?.parts;
  for (const value of Array.isArray(parts) ? parts : []) {
    const part = asRecord(value);
    if (!part || part.thought === true) continue;
    const call = asRecord(part.functionCall);
    if (call) startDraftToolCall(draft, asString(call.id), asString(call.name) ?? 'function', stringifyInput(call.args ?? {}));
    else if (typeof part.text === 'string') appendDraftText(draft, part.text);
  }
  draft.stopReason = asString(candidate?.finishReason) ?? draft.stopReason;
}
