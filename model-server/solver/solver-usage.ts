// Solver token counts, fixed by the request's bytes and the answer's characters alone (no clock, no randomness).
import type { AnswerContent } from '../answer-content.js';
import type { ResolvedUsage } from '../resolve-usage.js';

/** Characters an answer carries: its text plus its tool call's argument JSON. */
export function measureSolverAnswer(content: AnswerContent): number {
  return content.textDeltas.join('').length + (content.toolCall ? content.toolCall.argumentDeltas.join('').length : 0);
}

/** input = ceil(body bytes / 4); output = max(1, ceil(answer characters / 4 * scale)); no cache use. */
export function computeSolverUsage(bodyBytes: number, answerCharacters: number, outputScale: number): ResolvedUsage {
  return {
    input_tokens: Math.ceil(bodyBytes / 4),
    output_tokens: Math.max(1, Math.ceil((answerCharacters / 4) * outputScale)),
    cache_read_input_tokens: 0,
    cache_creation_input_tokens: 0,
  };
}
