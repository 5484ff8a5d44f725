// Takes the API request events of an agent's exported logs: Claude Code's api_request / api_error, Codex's sse_event / api_request, Gemini CLI's api_response / api_error.
import { readAttributes, readText, type OtelAttributes } from './otel-values.js';
import { inferSubagent } from '../../../ledger/vocabulary/index.js';
import type { OtelExtraction, OtelRequestRecord, OtelSender, OtelTokens } from './otel-usage-records.js';
import { type Figure, MAX_COST_USD, readAmount, readCount } from './read-otel-figures.js';
import { dropConversation, readRecordTime, readSender } from './read-sender.js';
import type { OtlpLogRecord, OtlpLogsRequest } from './otlp-types.js';

/**
 * The events that describe an API request without its tokens (failures, Codex's request line); with the events of
 * TOKEN_READERS they are the requests kept. Every other event (prompts, tool results, start-up) is accepted and not kept.
 */
const TOKENLESS_REQUEST_EVENTS = new Set(['claude_code.api_error', 'codex.api_request', 'gemini_cli.api_error']);

/** A day: a longer request duration is not a real one. */
const MAX_DURATION_MS = 86_400_000;

type Built = { record: OtelRequestRecord } | { reason: string } | null;

/** Never throws; `receivedAt` dates a record that carries no time of its own. */
export function extractLogUsage(request: OtlpLogsRequest, receivedAt: Date): OtelExtraction {
  const result: OtelExtraction = { records: [], seen: 0, refused: [] };
  (request.resourceLogs ?? []).forEach((resourceLogs, r) => {
    const sender = readSender(resourceLogs.resource);
    (resourceLogs.scopeLogs ?? []).forEach((scopeLogs, s) => {
      (scopeLogs.logRecords ?? []).forEach((logRecord, l) => {
        result.seen += 1;
        const built = buildRecord(logRecord, sender, receivedAt);
        if (built === null) return;
        if ('reason' in built) result.refused.push({ where: `resourceLogs[${r}].scopeLogs[${s}].logRecords[${l}]`, reason: built.reason });
        else result.records.push(built.record);
      });
    });
  });
  return result;
}

/**
 * The event's name: Claude Code 2.1.329 puts `claude_code.api_request` in the body and `api_request` in `event.name`;
 * Codex 0.169 puts `codex.sse_event` in `event.name` (its LogRecord.event_name holds a source location).
 */
function readEventName(logRecord: OtlpLogRecord, attributes: OtelAttributes): string | null {
  const named = readText(attributes['event.name']);
  const candidates = [named, logRecord.body?.stringValue ?? null, logRecord.eventName ?? null, named ? `claude_code.${named}` : null];
  return candidates.find((name): name is string => name !== null && isRequestEvent(name)) ?? null;
}

/** A request's event: one whose tokens are read (a new CLI's is named once, in TOKEN_READERS) or a tokenless one. */
function isRequestEvent(name: string): boolean {
  return Object.hasOwn(TOKEN_READERS, name) || TOKENLESS_REQUEST_EVENTS.has(name);
}

function buildRecord(logRecord: OtlpLogRecord, sender: OtelSender, receivedAt: Date): Built {
  const attributes = readAttributes(logRecord.attributes);
  const event = readEventName(logRecord, attributes);
  if (event === null) return null;
  const eventKind = readText(attributes['event.kind']);
  const tokens = (TOKEN_READERS[event] ?? (() => NO_TOKENS))(attributes);
  if ('reason' in tokens) return { reason: `${event}: ${tokens.reason}` };
  const codexFailure = event === 'codex.sse_event' && (eventKind === 'response.failed' || attributes['error.message'] !== undefined);
  // Codex logs response.completed twice per response; only the record with the counts is the request's usage.
  if (event === 'codex.sse_event' && tokens.total_tokens === null && !codexFailure) return null;
  const time = readRecordTime(logRecord, attributes, receivedAt);
  if (!time.ok) return { reason: `${event}: ${time.reason}` };
  const figures = readFigures(attributes, event);
  if ('reason' in figures) return { reason: `${event}: ${figures.reason}` };
  const model = readText(attributes.model);
  return {
    record: {
      kind: 'otel-request',
      event,
      event_kind: eventKind,
      ...sender,
      occurred_at: time.value,
      session_id: readText(attributes['session.id']) ?? readText(attributes['conversation.id']),
      model,
      subagent_id: inferSubagent(model),
      ...tokens,
      ...figures,
      error: readError(event, attributes),
      request_id: readText(attributes.request_id),
      attributes: dropConversation(attributes),
    },
  };
}

const NO_TOKENS: OtelTokens = {
  input_tokens: null,
  output_tokens: null,
  cache_read_tokens: null,
  cache_creation_tokens: null,
  total_tokens: null,
};

/** Claude Code's counts are the Messages API's: input excludes cache reads and writes, as the tracker counts. */
function readClaudeTokens(attributes: OtelAttributes): OtelTokens | { reason: string } {
  const counts = readCounts(attributes, ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_creation_tokens']);
  if ('reason' in counts) return counts;
  const [input = null, output = null, cacheRead = null, cacheCreation = null] = counts.values;
  return tokensOf(input, output, cacheRead, cacheCreation);
}

/**
 * Codex's counts are the Responses API's: `input_token_count` includes the cached reads and the cache writes
 * (PRODUCT.md section 6; a turn.completed of the same run says so), so they are taken out of input here.
 */
function readCodexTokens(attributes: OtelAttributes): OtelTokens | { reason: string } {
  const counts = readCounts(attributes, ['input_token_count', 'output_token_count', 'cached_token_count', 'cache_write_token_count']);
  if ('reason' in counts) return counts;
  const [input = null, output = null, cacheRead = null, cacheWrite = null] = counts.values;
  if (input === null && output === null) return NO_TOKENS;
  const cached = (cacheRead ?? 0) + (cacheWrite ?? 0);
  if (input !== null && cached > input)
    return { reason: `cached_token_count + cache_write_token_count (${cached}) exceed input_token_count (${input}), which includes them` };
  return tokensOf(input === null ? null : input - cached, output, cacheRead, cacheWrite);
}

/**
 * Gemini CLI's api_response: `input_token_count` is the API's promptTokenCount, cache inside (a run of the real CLI
 * through the proxy: 2,500 with 700 cached), tool-use prompts apart in `tool_token_count`; thoughts are output.
 */
function readGeminiTokens(attributes: OtelAttributes): OtelTokens | { reason: string } {
  const names = ['input_token_count', 'output_token_count', 'cached_content_token_count', 'thoughts_token_count', 'tool_token_count'];
  const counts = readCounts(attributes, names);
  if ('reason' in counts) return counts;
  const [prompt = null, output = null, cached = null, thoughts = null, tool = null] = counts.values;
  if (prompt === null && output === null) return NO_TOKENS;
  if (prompt !== null && (cached ?? 0) > prompt)
    return { reason: `cached_content_token_count (${cached}) exceeds input_token_count (${prompt}), which includes it` };
  const input = prompt === null ? null : prompt - (cached ?? 0) + (tool ?? 0);
  return tokensOf(input, output === null ? null : output + (thoughts ?? 0), cached, null);
}

const TOKEN_READERS: Record<string, (attributes: OtelAttributes) => OtelTokens | { reason: string }> = {
  'claude_code.api_request': readClaudeTokens,
  'codex.sse_event': readCodexTokens,
  'gemini_cli.api_response': readGeminiTokens,
};

/** The OpenTelemetry log events whose tokens are read: each agent CLI's registry entry names one of them. */
export function listOtelUsageEvents(): string[] {
  return Object.keys(TOKEN_READERS);
}

function readCounts(attributes: OtelAttributes, names: string[]): { values: (number | null)[] } | { reason: string } {
  const values: (number | null)[] = [];
  for (const name of names) {
    const count = readCount(attributes[name], name);
    if (!count.ok) return { reason: count.reason };
    values.push(count.value);
  }
  return { values };
}

function tokensOf(input: number | null, output: number | null, cacheRead: number | null, cacheCreation: number | null): OtelTokens {
  const known = [input, output, cacheRead, cacheCreation].some((value) => value !== null);
  return {
    input_tokens: input,
    output_tokens: output,
    cache_read_tokens: cacheRead,
    cache_creation_tokens: cacheCreation,
    total_tokens: known ? (input ?? 0) + (output ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0) : null,
  };
}

type Figures = Pick<OtelRequestRecord, 'cost_usd' | 'duration_ms' | 'ttft_ms' | 'status_code'>;

function readFigures(attributes: OtelAttributes, event: string): Figures | { reason: string } {
  const read: [keyof Figures, Figure][] = [
    ['cost_usd', readAmount(attributes.cost_usd, 'cost_usd', MAX_COST_USD)],
    ['duration_ms', readAmount(attributes.duration_ms, 'duration_ms', MAX_DURATION_MS)],
    ['ttft_ms', readAmount(attributes.ttft_ms, 'ttft_ms', MAX_DURATION_MS)],
    ['status_code', readStatus(attributes, event)],
  ];
  const figures: Figures = { cost_usd: null, duration_ms: null, ttft_ms: null, status_code: null };
  for (const [name, figure] of read) {
    if (!figure.ok) return { reason: figure.reason };
    figures[name] = figure.value;
  }
  return figures;
}

/** Codex: `http.response.status_code`; Claude Code's api_error: `status_code`, which it sends as text ("undefined" when it got none). */
function readStatus(attributes: OtelAttributes, event: string): Figure {
  const raw = event.startsWith('codex.') ? attributes['http.response.status_code'] : attributes.status_code;
  if (raw === undefined || raw === null || raw === 'undefined' || raw === '') return { ok: true, value: null };
  return readCount(raw, event.startsWith('codex.') ? 'http.response.status_code' : 'status_code', 999);
}

function readError(event: string, attributes: OtelAttributes): string | null {
  if (event === 'claude_code.api_error' || event === 'gemini_cli.api_error') return readText(attributes.error) ?? 'api_error';
  return readText(attributes['error.message']);
}
