// What a request body says of its worst case, per protocol: the output (thinking included) it may spend, and the input it names instead of sending.
import { isRecord } from '../tap/tap-values.js';

/** A stated token count (finite, non-negative, rounded up); null otherwise. */
function readBound(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : null;
}

/**
 * Messages: `max_tokens` bounds the answer, thinking included (docs.anthropic.com extended thinking: budget_tokens must be
 * below max_tokens), except under interleaved thinking, where `thinking.budget_tokens` may exceed it: the larger of the two.
 */
export function readAnthropicOutputBound(request: Record<string, unknown>): number {
  const cap = readBound(request.max_tokens) ?? Number.POSITIVE_INFINITY;
  const thinking = isRecord(request.thinking) && request.thinking.type === 'enabled' ? readBound(request.thinking.budget_tokens) : null;
  return thinking === null ? cap : Math.max(cap, thinking);
}

/**
 * Responses: `max_output_tokens` bounds "visible output tokens and reasoning tokens" (platform.openai.com, Create a model
 * response), so a reasoning effort adds nothing to it; without it, nothing bounds the answer but its model.
 */
export function readResponsesOutputBound(request: Record<string, unknown>): number {
  return readBound(request.max_output_tokens) ?? Number.POSITIVE_INFINITY;
}

/**
 * Gemini: `generationConfig.maxOutputTokens` plus `thinkingConfig.thinkingBudget`, which Google documents apart (thought
 * tokens are billed as output); a budget of -1 (dynamic) or a `thinkingLevel` bounds nothing, so only the model does.
 * Without a thinkingConfig the model's default thinking is taken to fall within maxOutputTokens, as Gemini 3 is
 * observed to spend it (googleapis/python-genai#2062: thinking plus output never past max_output_tokens).
 */
export function readGeminiOutputBound(request: Record<string, unknown>): number {
  const config = isRecord(request.generationConfig) ? request.generationConfig : {};
  const cap = readBound(config.maxOutputTokens) ?? Number.POSITIVE_INFINITY;
  if (!isRecord(config.thinkingConfig)) return cap;
  const budget = readBound(config.thinkingConfig.thinkingBudget);
  if (budget !== null) return cap + budget;
  const dynamic = config.thinkingConfig.thinkingBudget !== undefined || config.thinkingConfig.thinkingLevel !== undefined;
  return dynamic ? Number.POSITIVE_INFINITY : cap;
}

/**
 * Messages: a content block's `source` of type `file` (a Files API `file_id`: a document, an image) or `url` (fetched by
 * the API), and a `container_upload`'s file id, in the messages and the system prompt; tool calls' inputs are not read.
 */
export function readAnthropicNamedInput(request: Record<string, unknown>): string[] {
  const named: string[] = [];
  walkRecords([request.messages, request.system], (record) => {
    if (record.type === 'tool_use' || record.type === 'server_tool_use') return false;
    if ((record.type === 'file' || record.type === 'container_upload') && typeof record.file_id === 'string') named.push(record.file_id);
    if (record.type === 'url' && typeof record.url === 'string') named.push(record.url);
    return true;
  });
  return named;
}

/**
 * Responses: `previous_response_id` (its whole conversation is input again), a `conversation`, a stored `prompt`, and an
 * input item's `file_id`, `file_url` or `image_url` (not a `data:` URL, which is sent).
 */
export function readResponsesNamedInput(request: Record<string, unknown>): string[] {
  const named: string[] = [];
  if (typeof request.previous_response_id === 'string') named.push(request.previous_response_id);
  const conversation = isRecord(request.conversation) ? request.conversation.id : request.conversation;
  if (typeof conversation === 'string') named.push(conversation);
  if (isRecord(request.prompt) && typeof request.prompt.id === 'string') named.push(request.prompt.id);
  walkRecords([request.input], (record) => {
    if (record.type === 'function_call') return false;
    for (const key of ['file_id', 'file_url', 'image_url']) {
      const value = record[key];
      if (typeof value === 'string' && !value.startsWith('data:')) named.push(value);
    }
    return true;
  });
  return named;
}

/** Gemini: a `cachedContent` (its tokens are prompt again) and a part's `fileData.fileUri` (a Files API upload). */
export function readGeminiNamedInput(request: Record<string, unknown>): string[] {
  const named: string[] = [];
  if (typeof request.cachedContent === 'string') named.push(request.cachedContent);
  walkRecords([request.contents, request.systemInstruction], (record) => {
    if (isRecord(record.fileData) && typeof record.fileData.fileUri === 'string') named.push(record.fileData.fileUri);
    return !isRecord(record.functionCall);
  });
  return named;
}

/** Visits every object under the roots (arrays and objects, to depth 32); `visit` returning false skips its children. */
function walkRecords(roots: unknown[], visit: (record: Record<string, unknown>) => boolean): void {
  const stack: Array<{ value: unknown; depth: number }> = roots.map((value) => ({ value, depth: 0 }));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, depth } = next;
    if (depth > 32 || typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const record = value as Record<string, unknown>;
    if (!visit(record)) continue;
    for (const child of Object.values(record))
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
}
