// Reads proxy telemetry NDJSON (one event per line) into contract events, refusing bad lines by number and field.
import { TelemetryEventSchema, type TelemetryEvent } from '../../ledger/schemas/index.js';
import { locateJsonError } from './locate-json-error.js';
import { coerceEventFields, describeField, REQUIRED_EVENT_FIELDS, suggestRename } from './telemetry-event-fields.js';

export interface TelemetryLine {
  /** 1-based line number in the input. */
  line: number;
  event: TelemetryEvent;
}

export interface RejectedTelemetryLine {
  line: number;
  /** The line as it was (less a trailing carriage return). */
  raw: string;
  /** `line 3: prompt_tokens: expected a non-negative integer or null, got -5`. */
  reason: string;
}

export interface TelemetryParse {
  events: TelemetryLine[];
  rejected: RejectedTelemetryLine[];
  /** Fields outside the contract that good lines carried; they are dropped, and named so the user knows. */
  ignoredFields: string[];
}

const KNOWN_FIELDS = new Set(Object.keys(TelemetryEventSchema.shape));

/**
 * Validates every non-blank line on its own: a bad line never hides the good ones around it. Never throws.
 * Tolerated (see docs/proxy-telemetry.md): epoch timestamps, digit strings for counts and times, "" for
 * absent text, any case of backend_provider, optional fields left out, extra fields (dropped).
 * `windowId` replaces every event's window_id before the check (ingest's --window), so theirs cannot refuse a line.
 */
export function parseTelemetryLines(text: string, options: { windowId?: string } = {}): TelemetryParse {
  const events: TelemetryLine[] = [];
  const rejected: RejectedTelemetryLine[] = [];
  const ignored = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (raw.trim() === '') continue;
    const line = index + 1;
    const read = readEvent(raw, options.windowId);
    if ('reason' in read) {
      rejected.push({ line, raw, reason: `line ${line}: ${read.reason}` });
      continue;
    }
    for (const field of read.extra) ignored.add(field);
    events.push({ line, event: read.event });
  }
  return { events, rejected, ignoredFields: [...ignored].sort() };
}

function readEvent(raw: string, windowId: string | undefined): { event: TelemetryEvent; extra: string[] } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    const where = locateJsonError(raw);
    return { reason: where ? `not JSON: ${where.message} (column ${where.column})` : 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { reason: `expected a JSON object (one event per line), got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}` };
  }
  const fields = value as Record<string, unknown>;
  const missing = REQUIRED_EVENT_FIELDS.find((field) => !(field in fields));
  if (missing) {
    const rename = suggestRename(missing, fields);
    return {
      reason: `${missing}: missing (a required field; null when unknown${rename ? `; found ${rename}, which the contract calls ${missing}` : ''})`,
    };
  }
  const coerced = coerceEventFields(windowId === undefined ? fields : { ...fields, window_id: windowId });
  if ('reason' in coerced) return coerced;
  const parsed = TelemetryEventSchema.safeParse(coerced.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    const field = path[0] ?? '';
    const got = readPath(coerced.fields, path);
    const expected = path.length === 1 ? describeField(field) : null;
    return { reason: `${path.join('.') || 'event'}: ${expected ?? issue?.message ?? 'invalid'}, got ${preview(got)}` };
  }
  return { event: parsed.data, extra: Object.keys(fields).filter((key) => !KNOWN_FIELDS.has(key)) };
}

function readPath(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/** A short rendering of a bad value for a one-line reason. */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
