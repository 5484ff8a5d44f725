// What the scripted server answers in each protocol: its ids, envelopes, usage, frames and bodies, declared once per protocol.
import type { ProtocolId } from '../ledger/vocabulary/index.js';
import type { AnswerContent } from './answer-content.js';
import { buildAnthropicFrames, buildAnthropicMessage } from './anthropic-answer.js';
import { buildAnthropicError, buildOpenAiError, type ApiErrorSpec } from './error-envelopes.js';
import {
  buildCodeAssistFrames,
  buildGeminiBody,
  buildGeminiFrames,
  buildGoogleError,
  toGeminiUsage,
  wrapCodeAssist,
} from './gemini-answer.js';
import { buildAnthropicRateLimitHeaders, buildCodexRateLimitHeaders } from './rate-limit-headers.js';
import { toAnthropicUsage, toResponsesUsage, type ResolvedUsage } from './resolve-usage.js';
import { buildResponsesBody, buildResponsesFrames } from './responses-answer.js';
import type { Script } from './script-schema.js';
import type { SseFrame } from './sse-frame.js';

export interface AnswerContext {
  seq: number;
  model: string;
  usage: ResolvedUsage;
  style: Script['usage_style'];
  /** Epoch seconds. */
  createdAt: number;
}

export interface ScriptedProtocol {
  defaultModel: string;
  /** A data line cut off mid-JSON, in the shape of the protocol's deltas (a malformed step's default). */
  brokenLine: string;
  idHeader(requestId: string): Record<string, string>;
  buildError(spec: ApiErrorSpec, requestId: string): Record<string, unknown>;
  toWireUsage(usage: ResolvedUsage, style: Script['usage_style']): Record<string, unknown>;
  buildFrames(content: AnswerContent, context: AnswerContext, streamError?: ApiErrorSpec): SseFrame[];
  buildBody(content: AnswerContent, context: AnswerContext): Record<string, unknown>;
  /** The bars this answer's headers carry (the scripted account's `answered` answers before it). */
  rateLimitHeaders(limits: Script['rate_limits'], answered: number, startedAtSeconds: number): Record<string, string>;
  /** The first window's length when the script's account refuses once spent (`refuse_when_spent`); null when it never refuses. */
  spendingPeriod(limits: Script['rate_limits']): number | null;
  /** Whether its answers carry the bars (`bars_on_answers`, default true); false: only its quota endpoint shows them. */
  showsBars(limits: Script['rate_limits']): boolean;
  /** Answers a period allows where the API sends no bars (a Gemini key's daily requests); null: the bars tell. */
  requestLimit(limits: Script['rate_limits']): number | null;
}

/** The Gemini API sends no bars in its headers (a Google AI plan's limits are requests per day and per minute). */
const GEMINI: ScriptedProtocol = {
  defaultModel: 'gemini-2.5-pro',
  brokenLine: 'data: {"candidates": [{"content": {"parts": [{"text": "broken',
  idHeader: () => ({}),
  buildError: (spec) => buildGoogleError(spec),
  toWireUsage: toGeminiUsage,
  buildFrames: buildGeminiFrames,
  buildBody: buildGeminiBody,
  rateLimitHeaders: () => ({}),
  spendingPeriod: (limits) => limits.gemini?.reset_in_s ?? null,
  showsBars: () => true,
  requestLimit: (limits) => limits.gemini?.requests ?? null,
};

const PROTOCOLS: Readonly<Record<ProtocolId, ScriptedProtocol>> = {
  'anthropic-messages': {
    defaultModel: 'claude-sonnet-4-5',
    brokenLine: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del',
    idHeader: (requestId) => ({ 'request-id': requestId }),
    buildError: buildAnthropicError,
    toWireUsage: (usage, style) => toAnthropicUsage(usage, 'final', style),
    buildFrames: buildAnthropicFrames,
    buildBody: buildAnthropicMessage,
    rateLimitHeaders: (limits, answered, startedAt) => buildAnthropicRateLimitHeaders(limits.anthropic, answered, startedAt),
    spendingPeriod: (limits) => (limits.anthropic?.refuse_when_spent ? limits.anthropic.five_hour.reset_in_s : null),
    showsBars: (limits) => limits.anthropic?.bars_on_answers !== false,
    requestLimit: () => null,
  },
  'openai-responses': {
    defaultModel: 'gpt-5-codex',
    brokenLine: 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_',
    idHeader: (requestId) => ({ 'x-request-id': requestId }),
    buildError: (spec) => buildOpenAiError(spec),
    toWireUsage: toResponsesUsage,
    buildFrames: buildResponsesFrames,
    buildBody: buildResponsesBody,
    rateLimitHeaders: (limits, answered, startedAt) => buildCodexRateLimitHeaders(limits.codex, answered, startedAt),
    spendingPeriod: (limits) => (limits.codex?.refuse_when_spent ? limits.codex.primary.reset_in_s : null),
    showsBars: (limits) => limits.codex?.bars_on_answers !== false,
    requestLimit: () => null,
  },
  'gemini-generate-content': GEMINI,
  // Code Assist: the same answers, each chunk and body inside `response` (model-server/gemini-answer.ts).
  'code-assist': {
    ...GEMINI,
    brokenLine: 'data: {"response": {"candidates": [{"content": {"parts": [{"text": "broken',
    buildFrames: buildCodeAssistFrames,
    buildBody: (content, context) => wrapCodeAssist(buildGeminiBody(content, context), context.seq),
  },
};

export function findScriptedProtocol(api: ProtocolId): ScriptedProtocol {
  return PROTOCOLS[api];
}
