// Gemini CLI 0.61.0's own export: its api_response events in the tracker's convention, conversation text never kept.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from './decode-otlp.js';
import { extractLogUsage } from './extract-log-usage.js';
import type { OtlpLogsRequest } from './otlp-types.js';

const NOW = new Date('2026-11-26T23:00:00Z');

function logs(text: string): OtlpLogsRequest {
  const result = decodeOtlpRequest('logs', 'json', Buffer.from(text));
  if (!result.ok) throw new Error(result.reason);
  return result.decoded.request as OtlpLogsRequest;
}

const capture = readFileSync(new URL('./test-fixtures/gemini-cli-0.61.0-logs.json', import.meta.url), 'utf8');

describe('Gemini CLI 0.61.0 exports', () => {
  it('takes its api_response: the cache out of input, the model, the status and its own window', () => {
    const extraction = extractLogUsage(logs(capture), NOW);
    expect(extraction.refused).toEqual([]);
    expect(extraction.records).toHaveLength(1);
    expect(extraction.records[0]).toMatchObject({
      kind: 'otel-request',
      event: 'gemini_cli.api_response',
      agent: 'gemini-cli',
      service_name: 'gemini-cli',
      model: 'gemini-2.5-pro',
      input_tokens: 1800,
      output_tokens: 12,
      cache_read_tokens: 700,
      cache_creation_tokens: null,
      total_tokens: 2512,
      status_code: 200,
      resource_attributes: { 'tracker.window_id': 'W1', 'tracker.provider': 'gemini' },
    });
  });
  it("adds thoughts to output and tool-use prompts to input, and never keeps the conversation's text", () => {
    const request = logs(capture);
    const record = request.resourceLogs?.[0]?.scopeLogs
      ?.flatMap((scope) => scope.logRecords ?? [])
      .find((lr) => (lr.attributes ?? []).some((a) => a.key === 'event.name' && a.value?.stringValue === 'gemini_cli.api_response'));
    if (!record?.attributes) throw new Error('no api_response in the capture');
    const set = (key: string, value: object) => {
      record.attributes = [...(record.attributes ?? []).filter((a) => a.key !== key), { key, value }];
    };
    set('thoughts_token_count', { intValue: '30' });
    set('tool_token_count', { intValue: '5' });
    set('response_text', { stringValue: '[{"candidates":[{"content":{"parts":[{"text":"a secret answer"}]}}]}]' });
    const [kept] = extractLogUsage(request, NOW).records;
    expect(kept).toMatchObject({ input_tokens: 1805, output_tokens: 42, total_tokens: 2547 });
    expect(JSON.stringify(kept)).not.toContain('a secret answer');
    // Its resource names the process's argv, which holds the prompt of `gemini -p "Say hello"`.
    expect(capture).toContain('Say hello');
    expect(JSON.stringify(kept)).not.toContain('Say hello');
  });
});
