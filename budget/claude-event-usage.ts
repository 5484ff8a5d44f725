// Usage from Claude Code's stream-json lines (`-p --output-format stream-json --verbose`): per message, then the result's reconciliation.
import type { UsageDelta } from './budget-contract.js';
import { CumulativeUsage } from './cumulative-usage.js';
import { addUsage, isZeroUsage, maxUsage, subtractUsage, ZERO_USAGE } from './measure-usage.js';

export type JsonObject = Record<string, unknown>;

export interface ClaudeUsage {
  session: string | null;
  model: string | null;
  delta: UsageDelta;
  /** `message`: an assistant message (or its stream events); `result`: the result's correction. */
  from: 'message' | 'result';
}

interface SessionState {
  /** Everything returned for the session so far. */
  counted: UsageDelta;
  /** The session's total as its result lines report it. */
  reported: UsageDelta;
  model: string | null;
  messageKeys: Set<string>;
  /** The message a `message_delta` belongs to, per parent tool use (sub-agents stream side by side). */
  current: Map<string, string>;
}

/**
 * - `assistant` lines repeat `message.usage` for each content block of one message, and its output_tokens
 *   is the figure from message_start (a placeholder, 1 in the real 2.1.329 fixture, 12 in the result):
 *   read per message id as a running total, so repeats add nothing.
 * - `stream_event` lines (with --include-partial-messages) carry the raw message_start and the cumulative
 *   message_delta usage: read into the same running total, so real output counts arrive as they grow.
 * - `result` lines carry the run's total: `model_usage_since_last_result` (every model, since the previous
 *   result) when present, summed over results; else `usage`, taken as the session's running total. What the
 *   total has beyond what was already returned for the session is returned once (field by field, never negative).
 */
export class ClaudeEventUsage {
  /** The agent whose stream this reads (its provider id). */
  readonly agent = 'claude' as const;
  private readonly messages = new CumulativeUsage();
  private readonly sessions = new Map<string, SessionState>();

  read(event: JsonObject): ClaudeUsage | null {
    const sessionId = typeof event.session_id === 'string' ? event.session_id : null;
    const session = this.session(sessionId ?? '');
    if (event.type === 'assistant' && isObject(event.message))
      return this.readMessage(sessionId, session, event.message, typeof event.message.id === 'string' ? event.message.id : null);
    if (event.type === 'stream_event' && isObject(event.event))
      return this.readStreamEvent(sessionId, session, event.event, parentOf(event));
    if (event.type === 'result') return this.readResult(sessionId, session, event);
    return null;
  }

  private readMessage(
    sessionId: string | null,
    session: SessionState,
    message: JsonObject,
    id: string | null,
    usage: unknown = message.usage,
  ): ClaudeUsage | null {
    if (typeof message.model === 'string' && message.model !== '' && !message.model.startsWith('<')) session.model = message.model;
    const reading = readAnthropicUsage(usage);
    if (id === null || reading === null) return null;
    const key = `${sessionId ?? ''}\u0000${id}`;
    session.messageKeys.add(key);
    return this.count(sessionId, session, this.messages.observe(key, reading), 'message');
  }

  private readStreamEvent(sessionId: string | null, session: SessionState, raw: JsonObject, parent: string): ClaudeUsage | null {
    if (raw.type === 'message_start' && isObject(raw.message)) {
      const id = typeof raw.message.id === 'string' ? raw.message.id : null;
      if (id !== null) session.current.set(parent, id);
      return this.readMessage(sessionId, session, raw.message, id);
    }
    if (raw.type === 'message_delta') return this.readMessage(sessionId, session, {}, session.current.get(parent) ?? null, raw.usage);
    return null;
  }

  private readResult(sessionId: string | null, session: SessionState, event: JsonObject): ClaudeUsage | null {
    const sinceLast = sumModelUsage(event.model_usage_since_last_result);
    const whole = readAnthropicUsage(event.usage);
    if (sinceLast) session.reported = addUsage(session.reported, sinceLast.usage);
    else if (whole) session.reported = maxUsage(session.reported, { ...ZERO_USAGE, ...whole });
    else return null;
    const models = sinceLast?.models ?? (isObject(event.modelUsage) ? Object.keys(event.modelUsage) : []);
    if (models.length === 1 && models[0]) session.model = models[0];
    for (const key of session.messageKeys) this.messages.forget(key);
    session.messageKeys.clear();
    return this.count(sessionId, session, subtractUsage(session.reported, session.counted), 'result');
  }

  private count(sessionId: string | null, session: SessionState, delta: UsageDelta, from: ClaudeUsage['from']): ClaudeUsage | null {
    if (isZeroUsage(delta)) return null;
    session.counted = addUsage(session.counted, delta);
    return { session: sessionId, model: session.model, delta, from };
  }

  private session(id: string): SessionState {
    let state = this.sessions.get(id);
    if (!state) {
      state = { counted: { ...ZERO_USAGE }, reported: { ...ZERO_USAGE }, model: null, messageKeys: new Set(), current: new Map() };
      this.sessions.set(id, state);
    }
    return state;
  }
}

/** Anthropic usage (snake_case); only the fields present, so a partial reading leaves the others alone. */
export function readAnthropicUsage(value: unknown): Partial<UsageDelta> | null {
  if (!isObject(value)) return null;
  const reading: Partial<UsageDelta> = {};
  const fields = [
    ['input', 'input_tokens'],
    ['output', 'output_tokens'],
    ['cache_read', 'cache_read_input_tokens'],
    ['cache_creation', 'cache_creation_input_tokens'],
  ] as const;
  for (const [field, name] of fields) {
    const count = readCount(value[name]);
    if (count !== null) reading[field] = count;
  }
  return Object.keys(reading).length > 0 ? reading : null;
}

/** `modelUsage`-style maps (camelCase per model), summed over the models. */
function sumModelUsage(value: unknown): { usage: UsageDelta; models: string[] } | null {
  if (!isObject(value) || Object.keys(value).length === 0) return null;
  let usage: UsageDelta = { ...ZERO_USAGE };
  for (const entry of Object.values(value)) {
    if (!isObject(entry)) return null;
    usage = addUsage(usage, {
      input: readCount(entry.inputTokens) ?? 0,
      output: readCount(entry.outputTokens) ?? 0,
      cache_read: readCount(entry.cacheReadInputTokens) ?? 0,
      cache_creation: readCount(entry.cacheCreationInputTokens) ?? 0,
    });
  }
  return { usage, models: Object.keys(value) };
}

function parentOf(event: JsonObject): string {
  return typeof event.parent_tool_use_id === 'string' ? event.parent_tool_use_id : '';
}

export function readCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
