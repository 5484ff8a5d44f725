// The agent's stdout events in Claude Code's stream-json shape: init, one assistant line per answer, tool results, result.
import { AGENT_TOOL_NAMES } from './agent-tools.js';
import type { AnswerBlock, ModelAnswer } from './assemble-message.js';
import type { ToolResultBlock } from './apply-tool-call.js';
import type { TokenUsage } from './token-usage.js';

export type ResultSubtype = 'success' | 'error_during_execution' | 'error_max_turns';

export function buildInitLine(sessionId: string, model: string, cwd: string): Record<string, unknown> {
  return {
    type: 'system',
    subtype: 'init',
    cwd,
    session_id: sessionId,
    tools: AGENT_TOOL_NAMES,
    model,
    permissionMode: 'acceptEdits',
    apiKeySource: 'none',
  };
}

/** One per model answer; `id` must differ between answers, since readers total usage per message id. */
export function buildAssistantLine(sessionId: string, id: string, model: string, answer: ModelAnswer): Record<string, unknown> {
  const message = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: answer.content satisfies AnswerBlock[],
    stop_reason: answer.stopReason,
    stop_sequence: null,
    usage: answer.usage,
  };
  return { type: 'assistant', message, parent_tool_use_id: null, session_id: sessionId };
}

export function buildToolResultsLine(sessionId: string, results: ToolResultBlock[]): Record<string, unknown> {
  return { type: 'user', message: { role: 'user', content: results }, parent_tool_use_id: null, session_id: sessionId };
}

export interface ResultFacts {
  subtype: ResultSubtype;
  numTurns: number;
  durationMs: number;
  durationApiMs: number;
  /** The run's total over every answer (the session's running total, as Claude Code reports it). */
  usage: TokenUsage;
  /** Per model, in modelUsage's camelCase. */
  usageByModel: Map<string, TokenUsage>;
  result: string;
}

export function buildResultLine(sessionId: string, facts: ResultFacts): Record<string, unknown> {
  const modelUsage = Object.fromEntries(
    [...facts.usageByModel].map(([model, usage]) => [
      model,
      {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        cacheReadInputTokens: usage.cache_read_input_tokens,
        cacheCreationInputTokens: usage.cache_creation_input_tokens,
      },
    ]),
  );
  return {
    type: 'result',
    subtype: facts.subtype,
    is_error: facts.subtype !== 'success',
    duration_ms: facts.durationMs,
    duration_api_ms: facts.durationApiMs,
    num_turns: facts.numTurns,
    result: facts.result,
    session_id: sessionId,
    usage: facts.usage,
    modelUsage,
  };
}
