// Small defensive readers shared by the usage taps: JSON parsing that never throws, counts, strings, results.
import type { TapResult, UsageCounts } from './usage-tap.js';

export type JsonObject = Record<string, unknown>;

/** Parses JSON text; `undefined` when it is not valid JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A parsed SSE event's JSON and its type: the event's name, or for an unnamed event its JSON's `type`. Data that is not
 * JSON is null and counted in `malformed`, except `[DONE]`: some OpenAI-style gateways end a stream with it (an end
 * marker, not damage).
 */
export function readTypedEvent(
  event: { event?: string | undefined; data: string },
  state: { malformed: number },
): { type: string; data: unknown } | null {
  const data = parseJson(event.data);
  if (data === undefined) {
    if (event.data.trim() !== '[DONE]') state.malformed += 1;
    return null;
  }
  return { type: event.event ?? (isRecord(data) && typeof data.type === 'string' ? data.type : ''), data };
}

/** A token count: a finite, non-negative number (rounded down to an integer); null otherwise. */
export function readCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

export function readText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function createEmptyUsage(): UsageCounts {
  return { input_tokens: null, output_tokens: null, cache_read_tokens: null, cache_creation_tokens: null };
}

/**
 * Applies a cumulative count: the later figure replaces the earlier one (never added), except that a
 * zero never replaces a non-zero figure, because a running total cannot fall back to zero; a zero
 * there is a placeholder (GLM's `message_start`, compat servers that leave a field unfilled).
 */
export function overwriteCount(usage: UsageCounts, field: keyof UsageCounts, value: unknown): void {
  const count = readCount(value);
  if (count === null) return;
  const current = usage[field];
  if (count === 0 && current !== null && current > 0) return;
  usage[field] = count;
}

/** Builds the `streamError` of a result from an error object's type (or code) and message. */
export function readStreamError(error: unknown, fallbackType: string): { type: string; message: string } {
  if (!isRecord(error)) return { type: fallbackType, message: typeof error === 'string' ? error : '' };
  const type = readText(error.type) ?? readText(error.code) ?? fallbackType;
  const message = typeof error.message === 'string' ? error.message : '';
  return { type, message };
}

/** A copy of the result, so the caller can keep it while the tap's state stays private. */
export function copyResult(result: TapResult): TapResult {
  return { ...result, usage: { ...result.usage }, streamError: result.streamError === null ? null : { ...result.streamError } };
}
