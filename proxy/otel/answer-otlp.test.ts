// The OTLP receiver over real HTTP on loopback: the pinned clients' captured exports, and broken and hostile ones,
// each answered with the OTLP status, a line, and its body under rejects/ with nothing else written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs/light.js';
import { afterEach, describe, expect, it } from 'vitest';
import { OTLP_DESCRIPTOR } from '../../sources/parsers/otlp/otlp-descriptor.js';
import { type RunningOtelReceiver, startOtelReceiver } from './start-otel-receiver.js';

const root = protobuf.Root.fromJSON(OTLP_DESCRIPTOR);
const Status = root.lookupType('google.rpc.Status');
const LogsResponse = root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse');
const fixture = (name: string): Buffer => readFileSync(new URL(`../../sources/parsers/otlp/test-fixtures/${name}`, import.meta.url));

let receiver: RunningOtelReceiver | null = null;
const dirs: string[] = [];
let lines: string[] = [];

afterEach(async () => {
  await receiver?.stop();
  receiver = null;
  lines = [];
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: { maxBodyBytes?: number; maxDecodedBytes?: number; authToken?: string } = {}): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'otlp-'));
  dirs.push(dataDir);
  const { authToken, ...limits } = options;
  receiver = await startOtelReceiver({
    dataDir,
    agentId: 'main',
    port: 0,
    env: {},
    limits,
    authToken: authToken ?? null,
    onRefusal: (line) => lines.push(line),
    flushMs: 10,
  });
  return dataDir;
}

async function post(
  path: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(`${receiver?.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
}

function rowsOf(dataDir: string): Record<string, unknown>[] {
  const file = join(dataDir, 'otel_usage.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function rejectsOf(dataDir: string): { input: Buffer; reason: { reason: string; bytes: number } }[] {
  const dir = join(dataDir, 'rejects');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.input'))
    .map((name) => ({
      input: readFileSync(join(dir, name)),
      reason: JSON.parse(readFileSync(join(dir, name.replace(/\.input$/, '.reason.json')), 'utf8')),
    }));
}

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const JSON_TYPE = { 'content-type': 'application/json' };

describe("tracker otel takes the pinned clients' exports", () => {
  it('Claude Code logs in OTLP/JSON: 200, an empty JSON ExportLogsServiceResponse, one row per api_request', async () => {
    const dataDir = await start();
    const answer = await post('/v1/logs', fixture('claude-code-2.1.329-logs.json'), JSON_TYPE);
    expect([answer.status, answer.type, answer.body.toString()]).toEqual([200, 'application/json', '{}']);
    const rows = rowsOf(dataDir);
    expect(rows.map((row) => [row.kind, row.event, row.window_id, row.attributed_by, row.provider, row.source, row.total_tokens])).toEqual([
      ['otel-request', 'claude_code.api_request', 'W1', 'resource', 'claude', 'otel', 3060],
      ['otel-request', 'claude_code.api_request', 'W1', 'resource', 'claude', 'otel', 2178],
    ]);
    expect(rejectsOf(dataDir)).toEqual([]);
  });

  it('Codex logs in protobuf and gzip: 200 in protobuf, the counted responses kept', async () => {
    const dataDir = await start();
    const answer = await post('/v1/logs', gzipSync(fixture('codex-0.169.0-logs.pb')), { ...PROTOBUF, 'content-encoding': 'gzip' });
    expect([answer.status, answer.type]).toEqual([200, 'application/x-protobuf']);
    expect(LogsResponse.toObject(LogsResponse.decode(answer.body))).toEqual({});
    const counted = rowsOf(dataDir).filter((row) => row.event === 'codex.sse_event');
    expect(counted.map((row) => [row.total_tokens, row.provider, row.window_id])).toEqual([
      [3060, 'codex', null],
      [2178, 'codex', null],
    ]);
  });

  it('Claude Code metrics, gzip JSON: the token.usage and cost.usage points', async () => {
    const dataDir = await start();
    const answer = await post('/v1/metrics', gzipSync(fixture('claude-code-2.1.329-metrics.json')), {
      ...JSON_TYPE,
      'content-encoding': 'gzip',
    });
    expect(answer.status).toBe(200);
    expect(rowsOf(dataDir).map((row) => [row.kind, row.metric, row.token_type, row.value])).toContainEqual([
      'otel-metric',
      'claude_code.token.usage',
      'input',
      2050,
    ]);
  });
});

describe('refused exports: the OTLP status, one line, the body under rejects/, no row', () => {
  const cases: {
    name: string;
    path?: string;
    body: () => Buffer;
    headers: Record<string, string>;
    status: number;
    why: RegExp;
    limits?: { maxBodyBytes?: number; maxDecodedBytes?: number };
  }[] = [
    {
      name: 'truncated protobuf',
      body: () => fixture('claude-code-2.1.329-logs.pb').subarray(0, 3000),
      headers: PROTOBUF,
      status: 400,
      why: /not a valid ExportLogsServiceRequest \(protobuf\): index out of range/,
    },
    {
      name: 'wrong types in JSON',
      body: () => Buffer.from('{"resourceLogs":[{"scopeLogs":{"x":1}}]}'),
      headers: JSON_TYPE,
      status: 400,
      why: /scopeLogs: expected array/,
    },
    { name: 'not JSON', body: () => Buffer.from('{"resourceLogs": ['), headers: JSON_TYPE, status: 400, why: /not JSON/ },
    {
      name: 'gzip that is not gzip',
      body: () => Buffer.from('plain text'),
      headers: { ...PROTOBUF, 'content-encoding': 'gzip' },
      status: 400,
      why: /not valid gzip/,
    },
    {
      name: 'another content type',
      body: () => Buffer.from('hello'),
      headers: { 'content-type': 'text/plain' },
      status: 415,
      why: /content type "text\/plain" is not OTLP\/HTTP/,
    },
    {
      name: 'another content encoding',
      body: () => Buffer.from('x'),
      headers: { ...PROTOBUF, 'content-encoding': 'br' },
      status: 415,
      why: /content encoding "br" is not taken/,
    },
    {
      name: 'an oversized body',
      body: () => Buffer.alloc(5_000, 1),
      headers: PROTOBUF,
      status: 413,
      why: /larger than the 4096 bytes cap/,
      limits: { maxBodyBytes: 4_096 },
    },
    {
      name: 'a gzip bomb',
      body: () => gzipSync(Buffer.alloc(2_000_000)),
      headers: { ...PROTOBUF, 'content-encoding': 'gzip' },
      status: 413,
      why: /unpacks to more than 1000000 bytes/,
      limits: { maxDecodedBytes: 1_000_000 },
    },
  ];
  for (const example of cases) {
    it(`${example.name}: ${example.status}`, async () => {
      const dataDir = await start(example.limits);
      const body = example.body();
      const answer = await post(example.path ?? '/v1/logs', body, example.headers);
      expect(answer.status).toBe(example.status);
      const status = answer.type === 'application/json' ? JSON.parse(answer.body.toString()) : Status.toObject(Status.decode(answer.body));
      expect(answer.type).toBe(example.headers['content-type'] === 'application/json' ? 'application/json' : 'application/x-protobuf');
      expect(status.message).toMatch(example.why);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`refused an OTLP export to /v1/logs .*${example.status} .*body kept in rejects/`));
      const [reject, ...others] = rejectsOf(dataDir);
      expect(others).toEqual([]);
      expect(reject?.reason.reason).toMatch(example.why);
      if (example.status !== 413 || example.limits?.maxDecodedBytes) expect(reject?.input.equals(body)).toBe(true);
      else expect(body.subarray(0, reject?.input.length).equals(reject?.input ?? Buffer.alloc(1))).toBe(true);
      expect(existsSync(join(dataDir, 'otel_usage.jsonl'))).toBe(false);
    });
  }

  it('a JSON export is answered with a JSON google.rpc.Status', async () => {
    await start();
    const answer = await post('/v1/metrics', '{"resourceMetrics": 3}', JSON_TYPE);
    expect([answer.status, answer.type]).toEqual([400, 'application/json']);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 3, message: expect.stringMatching(/resourceMetrics/) });
  });

  it('records refused alone: 200 with partial_success, the good rows kept, the body under rejects/', async () => {
    const dataDir = await start();
    const payload = JSON.parse(fixture('claude-code-2.1.329-logs.json').toString());
    const records = payload.resourceLogs[0].scopeLogs[0].logRecords;
    const request = records.find((record: { body: { stringValue: string } }) => record.body.stringValue === 'claude_code.api_request');
    request.attributes.find((a: { key: string }) => a.key === 'input_tokens').value = { intValue: '9223372036854775807' };
    const answer = await post('/v1/logs', JSON.stringify(payload), JSON_TYPE);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({
      partialSuccess: {
        rejectedLogRecords: '1',
        errorMessage: expect.stringMatching(
          /^1 log record\(s\): resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[5\]: claude_code\.api_request: input_tokens/,
        ),
      },
    });
    expect(rowsOf(dataDir).map((row) => row.total_tokens)).toEqual([2178]);
    expect(rejectsOf(dataDir)).toHaveLength(1);
    expect(lines[0]).toMatch(/^kept 1 row\(s\) of an OTLP export to \/v1\/logs .* and refused 1 log record/);
  });

  it('traces are answered 404 and a GET 405, neither kept nor forwarded', async () => {
    const dataDir = await start();
    expect((await post('/v1/traces', Buffer.alloc(0), PROTOBUF)).status).toBe(404);
    const get = await fetch(`${receiver?.url}/v1/logs`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(existsSync(join(dataDir, 'rejects'))).toBe(false);
  });

  it('keeps and tells 100 refusals at most: a flood of bad exports is answered but cannot fill rejects/', async () => {
    const dataDir = await start();
    for (let i = 0; i < 103; i += 1) expect((await post('/v1/logs', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect(rejectsOf(dataDir)).toHaveLength(100);
    expect(lines).toHaveLength(100);
    expect(lines[99]).toMatch(/\(the last of 100 this receiver keeps: later refusals are answered, not kept or told\)$/);
  });

  it('answers a web page 403 and keeps only the first 64 KiB of a refused body', async () => {
    const dataDir = await start();
    const fromPage = await post('/v1/logs', fixture('claude-code-2.1.329-logs.json'), { ...JSON_TYPE, origin: 'https://page.example' });
    expect(fromPage.status).toBe(403);
    expect(rowsOf(dataDir)).toEqual([]);
    expect(rejectsOf(dataDir)).toEqual([]);
    // A text/plain body under the 8 MiB cap was kept whole: 41 MB from 5 requests.
    expect((await post('/v1/logs', 'x'.repeat(5 * 1024 * 1024), { 'content-type': 'text/plain' })).status).toBe(415);
    expect(rejectsOf(dataDir).map((kept) => kept.input.length)).toEqual([64 * 1024]);
    expect(lines.at(-1)).toMatch(/\(its first 65536 of 5242880 bytes\)/);
  });

  it('with a token, an export without it gets 401 and leaves nothing', async () => {
    const dataDir = await start({ authToken: 'secret-token' });
    expect((await post('/v1/logs', fixture('claude-code-2.1.329-logs.json'), JSON_TYPE)).status).toBe(401);
    expect(
      (await post('/v1/logs', fixture('claude-code-2.1.329-logs.json'), { ...JSON_TYPE, 'x-tracker-auth': 'secret-token' })).status,
    ).toBe(200);
    expect(rowsOf(dataDir)).toHaveLength(2);
    expect(existsSync(join(dataDir, 'rejects'))).toBe(false);
  });
});
