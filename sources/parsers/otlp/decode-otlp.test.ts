// Tests for the OTLP decoders on the pinned clients' real exports, and on broken and hostile payloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countJsonElements, MAX_OTLP_ELEMENTS } from './count-otlp-elements.js';
import { decodeOtlpRequest } from './decode-otlp.js';
import { extractLogUsage } from './extract-log-usage.js';
import { extractMetricUsage } from './extract-metric-usage.js';
import { OTLP_TYPES, type OtlpLogsRequest, type OtlpMetricsRequest } from './otlp-types.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url));
const NOW = new Date('2026-11-25T17:00:00Z');

function logs(body: Uint8Array | string, encoding: 'json' | 'protobuf' = 'json'): OtlpLogsRequest {
  const result = decodeOtlpRequest('logs', encoding, typeof body === 'string' ? Buffer.from(body) : body);
  if (!result.ok) throw new Error(result.reason);
  return result.decoded.request as OtlpLogsRequest;
}

function refusal(signal: 'logs' | 'metrics', encoding: 'json' | 'protobuf', body: Uint8Array | string): string {
  const result = decodeOtlpRequest(signal, encoding, typeof body === 'string' ? Buffer.from(body) : body);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.decoded).slice(0, 200)}`);
  return result.reason;
}

/** A one-record logs export in OTLP/JSON with these attributes. */
function oneRecord(attributes: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'claude-code' } }] },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: '1795625512023000000',
                body: { stringValue: 'claude_code.api_request' },
                attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
                ...extra,
              },
            ],
          },
        ],
      },
    ],
  });
}

const CLAUDE_REQUESTS = [
  { input_tokens: 1800, output_tokens: 60, cache_read_tokens: 0, cache_creation_tokens: 1200, total_tokens: 3060, cost_usd: 0.0144 },
  { input_tokens: 250, output_tokens: 8, cache_read_tokens: 1800, cache_creation_tokens: 120, total_tokens: 2178, cost_usd: 0.00212 },
];

describe('Claude Code 2.1.329 exports', () => {
  for (const [file, encoding] of [
    ['claude-code-2.1.329-logs.json', 'json'],
    ['claude-code-2.1.329-logs.pb', 'protobuf'],
  ] as const) {
    it(`takes both api_request events of ${file} with the agent's own figures and names`, () => {
      const extraction = extractLogUsage(logs(fixture(file), encoding), NOW);
      expect(extraction.seen).toBe(11);
      expect(extraction.refused).toEqual([]);
      expect(extraction.records).toHaveLength(2);
      extraction.records.forEach((record, index) => {
        const expected = CLAUDE_REQUESTS[index]!;
        expect(record).toMatchObject({
          kind: 'otel-request',
          event: 'claude_code.api_request',
          agent: 'claude-code',
          service_version: '2.1.329',
          model: 'claude-opus-5-5',
          subagent_id: null,
          ...expected,
          cost_usd: expect.closeTo(expected.cost_usd, 12),
        });
        if (record.kind !== 'otel-request') throw new Error('not a request');
        expect(record.session_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(record.occurred_at).toMatch(/^2026-11-25T16:51:5\d\.\d{3}Z$/);
        expect(record.request_id).toMatch(/^req_scripted_\d{6}$/);
        // The agent's own attribute names, and OTEL_RESOURCE_ATTRIBUTES on the resource.
        expect(record.attributes).toMatchObject({ 'event.name': 'api_request', cache_creation_5m_tokens: expected.cache_creation_tokens });
        expect(record.resource_attributes).toMatchObject({ 'tracker.window_id': 'W1', 'service.name': 'claude-code' });
      });
    });
  }

  for (const [file, encoding] of [
    ['claude-code-2.1.329-metrics.json', 'json'],
    ['claude-code-2.1.329-metrics.pb', 'protobuf'],
  ] as const) {
    it(`takes token.usage by type and cost.usage of ${file}, delta sums`, () => {
      const result = decodeOtlpRequest('metrics', encoding, fixture(file));
      if (!result.ok) throw new Error(result.reason);
      const extraction = extractMetricUsage(result.decoded.request as OtlpMetricsRequest, NOW);
      expect(extraction.refused).toEqual([]);
      const byType = Object.fromEntries(extraction.records.map((r) => [r.kind === 'otel-metric' ? `${r.metric}:${r.token_type}` : '', r]));
      expect(Object.keys(byType).sort()).toEqual([
        'claude_code.cost.usage:null',
        'claude_code.token.usage:cacheCreation',
        'claude_code.token.usage:cacheRead',
        'claude_code.token.usage:input',
        'claude_code.token.usage:output',
      ]);
      expect(byType['claude_code.token.usage:input']).toMatchObject({
        value: 2050,
        temporality: 'delta',
        unit: 'tokens',
        model: 'claude-opus-5-5',
      });
      expect(byType['claude_code.token.usage:cacheCreation']).toMatchObject({ value: 1320 });
      expect(byType['claude_code.cost.usage:null']).toMatchObject({ value: 0.01652, unit: 'USD' });
    });
  }
});

describe('Codex 0.169.0 exports', () => {
  for (const [file, encoding] of [
    ['codex-0.169.0-logs.json', 'json'],
    ['codex-0.169.0-logs.pb', 'protobuf'],
  ] as const) {
    it(`takes the counted response.completed events and api_request of ${file}, cached tokens taken out of input`, () => {
      const extraction = extractLogUsage(logs(fixture(file), encoding), NOW);
      expect(extraction.refused).toEqual([]);
      const requests = extraction.records.filter((r) => r.kind === 'otel-request' && r.event === 'codex.sse_event');
      expect(
        requests.map((r) =>
          r.kind === 'otel-request' ? [r.input_tokens, r.output_tokens, r.cache_read_tokens, r.cache_creation_tokens, r.total_tokens] : [],
        ),
      ).toEqual([
        [1800, 60, 0, 1200, 3060],
        [250, 8, 1800, 120, 2178],
      ]);
      for (const record of requests) {
        expect(record).toMatchObject({
          agent: 'codex',
          service_name: 'codex_exec',
          event_kind: 'response.completed',
          model: 'gpt-5-codex',
        });
        // Codex sends timeUnixNano 0: the observed time dates it.
        expect(record.occurred_at).toMatch(/^2026-11-25T16:5/);
        expect(record.attributes).toMatchObject({
          input_token_count:
            record.kind === 'otel-request'
              ? String((record.input_tokens ?? 0) + (record.cache_read_tokens ?? 0) + (record.cache_creation_tokens ?? 0))
              : '',
        });
      }
      const calls = extraction.records.filter((r) => r.kind === 'otel-request' && r.event === 'codex.api_request');
      expect(calls.map((r) => (r.kind === 'otel-request' ? [r.status_code, r.total_tokens, r.error] : []))).toEqual([
        [200, null, null],
        [200, null, null],
      ]);
      expect(new Set(extraction.records.map((r) => r.session_id)).size).toBe(1);
    });
  }

  it('decodes the JSON capture to what its protobuf encoding decodes to', () => {
    const fromJson = logs(fixture('codex-0.169.0-logs.json'));
    const type = OTLP_TYPES.request.logs;
    const binary = type.encode(type.fromObject(fromJson)).finish();
    expect(logs(binary, 'protobuf')).toEqual(fromJson);
  });
});

describe('payloads that cannot be decoded', () => {
  it('refuses truncated protobuf', () => {
    const whole = fixture('claude-code-2.1.329-logs.pb');
    expect(refusal('logs', 'protobuf', whole.subarray(0, Math.floor(whole.length / 2)))).toMatch(
      /^not a valid ExportLogsServiceRequest \(protobuf\): index out of range/,
    );
  });

  it('refuses a wrong wire type', () => {
    // Field 1 (resource_logs) with wire type 7, which does not exist.
    expect(refusal('logs', 'protobuf', Uint8Array.of(0x0f, 0x00))).toMatch(/invalid wire type 7/);
  });

  it('refuses values of the wrong type, naming the field', () => {
    expect(refusal('logs', 'json', '{"resourceLogs": 5}')).toMatch(/resourceLogs.*expected array/);
    expect(refusal('logs', 'json', oneRecord({ input_tokens: { intValue: 'abc' } }))).toMatch(/intValue: invalid integer: "abc"/);
    expect(refusal('logs', 'json', oneRecord({ model: { stringValue: 5 } }))).toMatch(/stringValue: expected string: 5/);
    expect(refusal('logs', 'json', oneRecord({}, { timeUnixNano: 'yesterday' }))).toMatch(/timeUnixNano: invalid integer/);
  });

  it("refuses a record dated more than a day after the export came (9999-12-31 was kept as a session's last activity)", () => {
    // As Codex dates its records: timeUnixNano 0 and the agent's own `event.timestamp` text.
    const far = oneRecord(
      { input_tokens: { intValue: '5' }, 'event.timestamp': { stringValue: '9999-12-31T00:00:00Z' } },
      { timeUnixNano: '0' },
    );
    const extraction = extractLogUsage(logs(far), NOW);
    expect(extraction.records).toEqual([]);
    expect(extraction.refused[0]?.reason).toMatch(/its time 9999-12-31T00:00:00\.000Z is more than a day after the export was received/);
    // The latest time the wire can carry (fixed64 nanoseconds: year 2554) too.
    const wire = oneRecord({ input_tokens: { intValue: '5' } }, { timeUnixNano: String(2n ** 64n - 1n) });
    expect(extractLogUsage(logs(wire), NOW).refused[0]?.reason).toMatch(/is more than a day after/);
    // An hour ahead (a clock that runs fast) is kept.
    const soon = oneRecord({ input_tokens: { intValue: '5' } }, { timeUnixNano: String(BigInt(NOW.getTime() + 3_600_000) * 1_000_000n) });
    expect(extractLogUsage(logs(soon), NOW).records).toHaveLength(1);
  });

  it('refuses what is not JSON, not an object, or not UTF-8', () => {
    expect(refusal('metrics', 'json', '{"resourceMetrics": [')).toMatch(
      /not JSON: expected a value, the input ends too early \(line 1, column 22\)/,
    );
    expect(refusal('metrics', 'json', '[]')).toMatch(/expected a JSON object, got an array/);
    expect(refusal('metrics', 'json', Uint8Array.of(0x7b, 0xff, 0x7d))).toMatch(/not UTF-8/);
  });

  it('refuses base64 where OTLP/JSON wants hex ids', () => {
    expect(refusal('logs', 'json', oneRecord({}, { traceId: 'W47/95gDgQPSabYzgT/GDA==' }))).toMatch(
      /resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.traceId: expected a hex string/,
    );
  });

  it('refuses nesting past 100 levels in either encoding (the stack is never at risk)', () => {
    let value: unknown = { stringValue: 'x' };
    for (let i = 0; i < 150; i += 1) value = { kvlistValue: { values: [{ key: 'k', value }] } };
    const json = oneRecord({ deep: value });
    expect(refusal('logs', 'json', json)).toMatch(/max depth exceeded/);
    // 20 levels (60 messages deep) are fine both ways.
    let shallow: unknown = { stringValue: 'x' };
    for (let i = 0; i < 20; i += 1) shallow = { kvlistValue: { values: [{ key: 'k', value: shallow }] } };
    const type = OTLP_TYPES.request.logs;
    const binary = type.encode(type.fromObject(JSON.parse(oneRecord({ deep: shallow })))).finish();
    expect(decodeOtlpRequest('logs', 'protobuf', binary).ok).toBe(true);
    expect(decodeOtlpRequest('logs', 'json', Buffer.from(oneRecord({ deep: shallow }))).ok).toBe(true);
    // 2,000 levels by hand (protobufjs would not encode them): AnyValue{kvlist_value{values{key "k", value AnyValue}}}.
    let any = field(0x0a, Buffer.from('x'));
    for (let i = 0; i < 2_000; i += 1) any = field(0x32, field(0x0a, Buffer.concat([field(0x0a, Buffer.from('k')), field(0x12, any)])));
    const record = field(0x32, Buffer.concat([field(0x0a, Buffer.from('deep')), field(0x12, any)]));
    const request = field(0x0a, field(0x12, field(0x12, record)));
    expect(refusal('logs', 'protobuf', request)).toMatch(/max depth exceeded/);
  });
});

describe('records refused alone (partial success), the rest kept', () => {
  it('refuses a count past 10^12 or a negative one, and keeps the other records', () => {
    const huge = JSON.parse(oneRecord({ input_tokens: { intValue: '9223372036854775807' } }));
    const fine = JSON.parse(oneRecord({ input_tokens: { intValue: 5 }, output_tokens: { intValue: 7 } }));
    const negative = JSON.parse(oneRecord({ output_tokens: { intValue: '-3' } }));
    huge.resourceLogs[0].scopeLogs[0].logRecords.push(
      fine.resourceLogs[0].scopeLogs[0].logRecords[0],
      negative.resourceLogs[0].scopeLogs[0].logRecords[0],
    );
    const extraction = extractLogUsage(logs(JSON.stringify(huge)), NOW);
    expect(extraction.seen).toBe(3);
    expect(extraction.refused).toEqual([
      {
        where: 'resourceLogs[0].scopeLogs[0].logRecords[0]',
        reason: 'claude_code.api_request: input_tokens: expected a whole number from 0 to 1000000000000, got "9223372036854775807"',
      },
      {
        where: 'resourceLogs[0].scopeLogs[0].logRecords[2]',
        reason: 'claude_code.api_request: output_tokens: expected a whole number from 0 to 1000000000000, got -3',
      },
    ]);
    expect(extraction.records).toHaveLength(1);
    expect(extraction.records[0]).toMatchObject({ input_tokens: 5, output_tokens: 7, total_tokens: 12 });
  });

  it('refuses Codex cached counts larger than the input that includes them', () => {
    const body = oneRecord(
      {
        'event.name': { stringValue: 'codex.sse_event' },
        'event.kind': { stringValue: 'response.completed' },
        input_token_count: { stringValue: '100' },
        output_token_count: { stringValue: '5' },
        cached_token_count: { intValue: '90' },
        cache_write_token_count: { intValue: '20' },
      },
      { body: null },
    );
    expect(extractLogUsage(logs(body), NOW).refused[0]?.reason).toMatch(/exceed input_token_count \(100\)/);
  });

  it('ignores unknown fields, keeps an agent attribute named __proto__ out of the object, dates a timeless record by its receipt', () => {
    const body = oneRecord(
      { __proto__: { stringValue: 'x' }, output_tokens: { intValue: 1 } },
      { timeUnixNano: '0', futureField: { a: 1 } },
    );
    const [record] = extractLogUsage(logs(body), NOW).records;
    expect(record?.occurred_at).toBe(NOW.toISOString());
    expect(Object.keys(record?.attributes ?? {})).toEqual(['output_tokens']);
    expect(Object.getPrototypeOf(record?.attributes)).toBe(Object.prototype);
  });
});

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A length-delimited field: its tag byte, the length, the bytes. */
function field(tag: number, bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), varint(bytes.length), bytes]);
}

describe('an export that holds far more than it weighs', () => {
  const many = MAX_OTLP_ELEMENTS + 10;

  it('refuses 0a 00 repeated (empty ResourceLogs, the 32 KB gzip of 32 MiB) before decoding, as too large', () => {
    const body = Buffer.alloc(many * 2);
    for (let i = 0; i < many; i += 1) body[2 * i] = 0x0a;
    const result = decodeOtlpRequest('logs', 'protobuf', body);
    expect(result).toMatchObject({ ok: false, too_large: true });
    expect(result.ok ? '' : result.reason).toMatch(/holds more than 250000 values: refused, not decoded further/);
  });

  it('counts at every depth: one ResourceLogs holding a quarter of a million empty ScopeLogs is refused too', () => {
    const inner = Buffer.alloc(many * 2);
    for (let i = 0; i < many; i += 1) inner[2 * i] = 0x12;
    const length: number[] = [];
    for (let rest = inner.length; ; rest = Math.floor(rest / 128)) {
      length.push(rest >= 128 ? (rest % 128) | 0x80 : rest);
      if (rest < 128) break;
    }
    const result = decodeOtlpRequest('logs', 'protobuf', Buffer.concat([Buffer.from([0x0a, ...length]), inner]));
    expect(result).toMatchObject({ ok: false, too_large: true });
  });

  it('refuses OTLP/JSON of a quarter of a million empty objects before parsing it, and counts no comma inside a string', () => {
    const json = `{"resourceLogs":[${Array.from({ length: many }, () => '{}').join(',')}]}`;
    expect(decodeOtlpRequest('logs', 'json', Buffer.from(json))).toMatchObject({ ok: false, too_large: true });
    expect(countJsonElements('{"a":"x,y,{[","b":[1,2]}')).toBe(4);
  });

  it("still decodes the pinned clients' real exports, well under the count", () => {
    for (const name of ['claude-code-2.1.329-logs.json', 'claude-code-2.1.329-logs.pb'])
      expect(decodeOtlpRequest('logs', name.endsWith('.pb') ? 'protobuf' : 'json', fixture(name)).ok, name).toBe(true);
  });
});
