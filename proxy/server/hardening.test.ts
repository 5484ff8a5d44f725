// Drives a real proxy on loopback: refusals leave no rows, /_tracker/* needs the token, body caps answer in the API's envelope.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../ledger/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { ProxyOptions, RunningProxy } from './proxy-options.js';
import { readRefusals } from './record-refusals.js';
import { startProxy } from './start-proxy.js';

const STREAM =
  'event: message_start\ndata: {"type":"message_start","message":{"model":"m","usage":{"input_tokens":3,"output_tokens":0}}}\n\nevent: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":2}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n';
const CLIENT_KEY = 'sk-ant-client-key-0123456789';

let upstream: Server | null = null;
let proxy: RunningProxy | null = null;

afterEach(async () => {
  await proxy?.stop(0);
  proxy = null;
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(null)));
  upstream = null;
});

/** An upstream that echoes the client's key in its request id and names its stream type in mixed case. */
async function startEchoingUpstream(): Promise<string> {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'Text/Event-Stream; charset=utf-8', 'request-id': `req_${String(req.headers['x-api-key'])}` });
      res.end(STREAM);
    });
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
}

async function startTestProxy(rows: TelemetryRow[], extra: Partial<ProxyOptions> = {}): Promise<RunningProxy> {
  const url = await startEchoingUpstream();
  const table = buildRoutingTable(ProxyConfigSchema.parse({}), [], url, {}, BUILT_IN_CATALOG);
  proxy = await startProxy({
    table,
    dataDir: mkdtempSync(join(tmpdir(), 'proxy-hardening-')),
    agentId: 'main',
    env: {},
    flushMs: 10,
    onTelemetry: (row) => rows.push(row),
    ...extra,
  });
  return proxy;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request (Node's client sends header values as UTF-8 bytes, which the server reads as Latin-1). */
function send(base: string, path: string, body: string | null, headers: Record<string, string> = {}, method = 'POST'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const message = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 8, stream: true, messages: [] });

describe('the hardened proxy', () => {
  it('counts a request refused for its token but writes no telemetry row, and keeps /_tracker/health behind the token', async () => {
    const rows: TelemetryRow[] = [];
    const said: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'proxy-hardening-'));
    const running = await startTestProxy(rows, { authToken: 'proxy-token-0123', dataDir, onWrongToken: () => said.push('token') });
    const refused = await send(running.url, '/v1/messages', JSON.stringify({ model: 'x'.repeat(10_000) }), {
      'x-tracker-feature': 'y'.repeat(5_000),
    });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect((await send(running.url, '/_tracker/health', null, {}, 'GET')).status).toBe(401);
    const health = await send(running.url, '/_tracker/health', null, { 'x-tracker-auth': 'proxy-token-0123' }, 'GET');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, refused: { proxy_unauthorized: 2 } });
    await running.stop(0);
    proxy = null;
    expect(rows).toEqual([]);
    // Both kept in the data dir's state for tracker status, without the token; the terminal told once.
    expect(readRefusals(dataDir)).toMatchObject([{ server: 'proxy', count: 2, last_reason: 'token' }]);
    expect(said).toEqual(['token']);
  });

  it('answers a body over the cap with 413 in the API envelope and closes the connection', async () => {
    const running = await startTestProxy([], { limits: { maxBodyBytes: 1024, maxInFlightBodyBytes: 4096 } });
    const anthropic = await send(running.url, '/v1/messages', 'x'.repeat(2048));
    expect(anthropic.status).toBe(413);
    expect(anthropic.headers.connection).toBe('close');
    expect(JSON.parse(anthropic.body)).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    const openai = await send(running.url, '/v1/responses', 'x'.repeat(2048));
    expect(JSON.parse(openai.body)).toMatchObject({ error: { type: 'request_too_large', code: 'request_too_large' } });
  });

  it('answers 503 overloaded when the bodies in flight would pass the total cap, and serves again once they are gone', async () => {
    const running = await startTestProxy([], { limits: { maxBodyBytes: 800, maxInFlightBodyBytes: 1000 } });
    const held = request(`${running.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '800' },
    });
    held.on('error', () => {});
    held.write('x'.repeat(700));
    await waitForHeldBytes(running.url, 700);
    const second = await send(running.url, '/v1/messages', 'y'.repeat(400));
    expect(second.status).toBe(503);
    expect(JSON.parse(second.body)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    held.destroy();
    await waitForHeldBytes(running.url, 0, true);
    expect((await send(running.url, '/v1/messages', message, { 'x-api-key': CLIENT_KEY })).status).toBe(200);
  });

  it('refuses what a web page sends: an Origin header 403, a body that is not JSON 415, neither forwarded', async () => {
    const rows: TelemetryRow[] = [];
    const running = await startTestProxy(rows);
    const fromPage = await send(running.url, '/v1/messages', message, { 'x-api-key': CLIENT_KEY, origin: 'https://page.example' });
    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.body)).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    const plain = await send(running.url, '/v1/messages', message, { 'x-api-key': CLIENT_KEY, 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.body).toMatch(/body must be JSON \(content-type application\/json\), got \\"text\/plain\\"/);
    expect((await send(running.url, '/v1/messages', message, { 'x-api-key': CLIENT_KEY })).status).toBe(200);
    await running.stop(0);
    proxy = null;
    // The refusals are counted rows of their own; only the JSON request reached the upstream.
    expect(rows.map((row) => [row.status, row.error_type])).toEqual([
      [403, 'proxy_web_origin'],
      [415, 'proxy_not_json'],
      [200, null],
    ]);
  });

  it('closes connections past the connection cap, and accepts again once one is gone', async () => {
    const running = await startTestProxy([], { limits: { maxConnections: 1 } });
    const { port } = new URL(running.url);
    const held = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => held.once('connect', resolve));
    await expect(send(running.url, '/_tracker/health', null, {}, 'GET')).rejects.toThrow(/socket hang up|ECONNRESET/);
    held.destroy();
    await new Promise((resolve) => held.once('close', resolve));
    for (;;) {
      const answer = await send(running.url, '/_tracker/health', null, {}, 'GET').catch(() => null);
      if (answer) {
        // Retries that raced the server noticing the close were dropped (and counted) too.
        expect((JSON.parse(answer.body) as { refused: Record<string, number> }).refused.proxy_connection_cap).toBeGreaterThanOrEqual(1);
        break;
      }
    }
  });

  it('redacts a key the upstream echoes into trace_id, reads a mixed-case stream type, keeps UTF-8 header values', async () => {
    const rows: TelemetryRow[] = [];
    const running = await startTestProxy(rows);
    const answer = await send(running.url, '/v1/messages', message, { 'x-api-key': CLIENT_KEY, 'x-tracker-feature': 'café-ü' });
    expect(answer.status).toBe(200);
    await running.stop(0);
    proxy = null;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      trace_id: 'req_[redacted]',
      stream: true,
      prompt_tokens: 3,
      completion_tokens: 2,
      feature_id: 'café-ü',
    });
    expect(JSON.stringify(rows)).not.toContain(CLIENT_KEY);
  });
});

/** Polls the health route until the proxy holds `bytes` of bodies (at least, or exactly with `exact`). */
async function waitForHeldBytes(base: string, bytes: number, exact = false): Promise<void> {
  for (;;) {
    const held = (JSON.parse((await send(base, '/_tracker/health', null, {}, 'GET')).body) as { in_flight_body_bytes: number })
      .in_flight_body_bytes;
    if (exact ? held === bytes : held >= bytes) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
