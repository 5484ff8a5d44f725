// The sender of an export (its resource) and the time of one of its records, shared by the log and metric extractors.
import { readAttributes, readText, type OtelAttributes } from './otel-values.js';
import { identifyAgent } from '../../agents/index.js';
import type { OtelSender } from './otel-usage-records.js';
import { readIsoText, readNanos } from './read-otel-figures.js';
import type { OtlpResource } from './otlp-types.js';

export function readSender(resource: OtlpResource | undefined): OtelSender {
  const attributes = readAttributes(resource?.attributes);
  const serviceName = readText(attributes['service.name']);
  return {
    agent: identifyAgent(serviceName),
    service_name: serviceName,
    service_version: readText(attributes['service.version']),
    resource_attributes: dropConversation(attributes),
  };
}

/**
 * Attributes that carry a conversation, never kept: Gemini CLI 0.61.0 sends the whole request and answer as
 * `request_text` / `response_text` unless GEMINI_TELEMETRY_LOG_PROMPTS=false, and its resource names the process's
 * argv (`process.command_args`), which holds the prompt of `gemini -p "..."` (seen on loopback, 2026-11-26).
 */
const CONVERSATION_ATTRIBUTES = new Set([
  'request_text',
  'response_text',
  'prompt',
  'function_args',
  'process.command_args',
  'process.command_line',
]);

export function dropConversation(attributes: OtelAttributes): OtelAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => !CONVERSATION_ATTRIBUTES.has(name)));
}

/**
 * When a record happened: its time, else its observed time (Codex 0.169 sends timeUnixNano 0), else the agent's own
 * `event.timestamp` text, else when it was received. A time past year 9999 refuses the record, and so does one more
 * than a day after the export was received (a record dated 9999-12-31 was kept and shown as its session's last
 * activity for good); a day allows for a sender's clock that runs ahead.
 */
export function readRecordTime(
  times: { timeUnixNano?: string | undefined; observedTimeUnixNano?: string | undefined },
  attributes: OtelAttributes,
  receivedAt: Date,
): { ok: true; value: string } | { ok: false; reason: string } {
  const time = readNanos(times.timeUnixNano, 'timeUnixNano');
  if (!time.ok) return time;
  const observed = readNanos(times.observedTimeUnixNano, 'observedTimeUnixNano');
  if (!observed.ok) return observed;
  const value = time.value ?? observed.value ?? readIsoText(attributes['event.timestamp']) ?? receivedAt.toISOString();
  if (Date.parse(value) - receivedAt.getTime() > MAX_AHEAD_MS)
    return { ok: false, reason: `its time ${value} is more than a day after the export was received (${receivedAt.toISOString()})` };
  return { ok: true, value };
}

/** How far ahead of the receiver's clock a record's time may be. */
const MAX_AHEAD_MS = 86_400_000;
