// Every event an agent CLI's tokens come in is taken as a request: naming its token reader is the one step.
import { describe, expect, it } from 'vitest';
import { extractLogUsage, listOtelUsageEvents } from './extract-log-usage.js';
import type { OtlpLogsRequest } from './otlp-types.js';

function logsOf(event: string): OtlpLogsRequest {
  // A failed answer, so a Codex event without counts is kept too.
  const logRecord = { body: { stringValue: event }, attributes: [{ key: 'event.kind', value: { stringValue: 'response.failed' } }] };
  return { resourceLogs: [{ scopeLogs: [{ logRecords: [logRecord] }] }] };
}

describe('the OpenTelemetry usage events', () => {
  it.each(listOtelUsageEvents())('takes %s as one request', (event) => {
    const extraction = extractLogUsage(logsOf(event), new Date('2026-11-28T00:00:00Z'));
    expect(extraction.refused).toEqual([]);
    expect(extraction.records.map((record) => ('event' in record ? record.event : null))).toEqual([event]);
  });
});
