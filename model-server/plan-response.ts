// Turns one step into a full response plan for one API: status, headers, body (SSE events or JSON), where to cut it, usage.
import { measureAnswer, planAnswerContent } from './answer-content.js';
import type { ApiErrorSpec } from './error-envelopes.js';
import type { ModelApi, RequestFacts } from './inspect-request.js';
import { resolveUsage, type ResolvedUsage } from './resolve-usage.js';
import { findScriptedProtocol } from './scripted-protocols.js';
import type { Step, UsageStyle } from './script-schema.js';
import type { SseFrame } from './sse-frame.js';

export interface ResponsePlan {
  status: number;
  headers: Record<string, string>;
  body: { kind: 'sse'; frames: SseFrame[] } | { kind: 'json'; text: string };
  /** Destroy the socket after this many SSE events (or, for JSON, after half the body). */
  cutAfter: number | null;
  /** The usage the answer's terminal event carries, in script terms; null for an error. */
  usage: ResolvedUsage | null;
  /** The same usage as it goes over the wire (message_delta's usage, or response.completed's). */
  wireUsage: Record<string, unknown> | null;
  delayMs: number;
  chunkDelayMs: number;
}

export interface PlanInput {
  api: ModelApi;
  step: Step;
  facts: RequestFacts;
  seq: number;
  requestId: string;
  bodyLength: number;
  usageStyle: UsageStyle;
  /** Rate-limit headers for this response (sent on errors too, as the real APIs do). */
  rateLimitHeaders: Record<string, string>;
  fallbackCwd: string;
  now: Date;
}

export function planResponse(input: PlanInput): ResponsePlan {
  const { api, step, facts } = input;
  const protocol = findScriptedProtocol(api);
  const idHeader = protocol.idHeader(input.requestId);
  const headers = (contentType: string): Record<string, string> => ({
    'content-type': contentType,
    ...idHeader,
    ...input.rateLimitHeaders,
    ...step.headers,
  });
  const timing = { delayMs: step.delay_ms ?? 0, chunkDelayMs: step.chunk_delay_ms ?? 0 };
  const errorSpec: ApiErrorSpec | null =
    step.type === 'error'
      ? { status: step.status, type: step.error_type, message: step.message, code: step.code, details: step.details }
      : null;

  if (errorSpec && !(step.type === 'error' && step.mid_stream && facts.stream)) {
    const body = protocol.buildError(errorSpec, input.requestId);
    return {
      status: errorSpec.status,
      headers: headers('application/json'),
      body: { kind: 'json', text: JSON.stringify(body) },
      cutAfter: null,
      usage: null,
      wireUsage: null,
      ...timing,
    };
  }

  const content = planAnswerContent(step, api, { cwd: facts.cwd ?? input.fallbackCwd, toolNames: facts.toolNames });
  const usage = resolveUsage(step.usage, { bodyLength: input.bodyLength, answerLength: measureAnswer(content) });
  const model = facts.model ?? protocol.defaultModel;
  const streamError = errorSpec ?? undefined;
  const wireUsage = streamError ? null : protocol.toWireUsage(usage, input.usageStyle);
  const context = { seq: input.seq, model, usage, style: input.usageStyle, createdAt: Math.floor(input.now.getTime() / 1000) };
  let plan: ResponsePlan;
  if (facts.stream) {
    const frames = protocol.buildFrames(content, context, streamError);
    plan = {
      status: 200,
      headers: { ...headers('text/event-stream; charset=utf-8'), 'cache-control': 'no-cache' },
      body: { kind: 'sse', frames },
      cutAfter: null,
      usage: streamError ? null : usage,
      wireUsage,
      ...timing,
    };
  } else {
    const body = protocol.buildBody(content, context);
    plan = {
      status: 200,
      headers: headers('application/json'),
      body: { kind: 'json', text: JSON.stringify(body) },
      cutAfter: null,
      usage,
      wireUsage,
      ...timing,
    };
  }
  return step.type === 'disconnect' || step.type === 'malformed' ? breakPlan(plan, step, api) : plan;
}

/** A disconnect cuts the stream after some events; a malformed step slips a broken line in (and may end right after it). */
function breakPlan(plan: ResponsePlan, step: Extract<Step, { type: 'disconnect' | 'malformed' }>, api: ModelApi): ResponsePlan {
  if (step.type === 'disconnect') {
    const events = plan.body.kind === 'sse' ? plan.body.frames.length : 1;
    return { ...plan, cutAfter: Math.min(step.after_events ?? 2, events - 1) };
  }
  if (plan.body.kind === 'json')
    return { ...plan, body: { kind: 'json', text: plan.body.text.slice(0, Math.floor(plan.body.text.length / 2)) } };
  const frames = plan.body.frames;
  const at = Math.min(step.at_event ?? 1, frames.length);
  const broken: SseFrame = { raw: step.line ?? findScriptedProtocol(api).brokenLine };
  const rest = step.then === 'close' ? [] : frames.slice(at);
  return { ...plan, body: { kind: 'sse', frames: [...frames.slice(0, at), broken, ...rest] } };
}

/** A plan whose body is JSON text as given (a quota answer formats some numbers itself), no usage, sent at once. */
export function planJsonText(status: number, headers: Record<string, string>, text: string): ResponsePlan {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: { kind: 'json', text },
    cutAfter: null,
    usage: null,
    wireUsage: null,
    delayMs: 0,
    chunkDelayMs: 0,
  };
}
