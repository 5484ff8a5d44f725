// The row of an exchange is in the ledger file before the proxy hands its client the last byte: streamed, failed, refused, many at once.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILES } from '../../ledger/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { RunningProxy } from '../server/proxy-options.js';
import { startProxy } from '../server/start-proxy.js';

const STREAM =
  'event: message_start\ndata: {"type":"message_start","message":{"model":"m","usage":{"input_tokens":3,"output_tokens":0}}}\n\nevent: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":2}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n';
const message = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 8, stream: true, messages: [] });

let upstream: Server | null = null;
let proxy: RunningProxy | null = null;
let dataDir = '';
/** For each response the proxy ended: its request's x-trace (or path), and the trace ids in the file at that call. */
const endings: { request: string; rows: string[] }[] = [];
const realEnd = ServerResponse.prototype.end;

// The client runs in this process too, so its 'end' event comes a turn after the proxy's: only a look at the
// proxy's own res.end calls tells whether the row was written first.
beforeEach(() => {
  endings.length = 0;
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    if (proxy && this.socket?.localPort === Number(new URL(proxy.url).port) && !this.writableEnded) {
      endings.push({ request: String(this.req.headers['x-trace'] ?? this.req.url), rows: readRowsNow().map((row) => row.trace_id) });
    }
    return (realEnd as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof realEnd;
});

afterEach(async () => {
  ServerResponse.prototype.end = realEnd;
  await proxy?.stop(0);
  proxy = null;
  await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(null)));
  upstream = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** An upstream that streams STREAM with the request's x-trace as its request id; `x-fail: 1` drops the connection instead. */
async function startProxyInFront(): Promise<string> {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.headers['x-fail'] === '1') return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': String(req.headers['x-trace']) });
      res.end(STREAM);
    });
  });
  await new Promise<void>((resolve) => upstream?.listen(0, '127.0.0.1', resolve));
  const table = buildRoutingTable(
    ProxyConfigSchema.parse({}),
    [],
    `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    {},
    BUILT_IN_CATALOG,
  );
  dataDir = mkdtempSync(join(tmpdir(), 'row-before-answer-'));
  proxy = await startProxy({ table, dataDir, agentId: 'main', env: {}, flushMs: 60_000 });
  return proxy.url;
}

/** The rows in the file at this instant (none before the file exists). */
function readRowsNow(): { trace_id: string; status: number; path: string }[] {
  let text = '';
  try {
    text = readFileSync(join(dataDir, LEDGER_FILES.proxyTelemetry), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { trace_id: string; status: number; path: string });
}

function send(base: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(message);
  });
}

describe('the row before the answer', () => {
  it('is in the file when the proxy ends each of 40 concurrent streams', async () => {
    const base = await startProxyInFront();
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => send(base, '/v1/messages', { 'x-trace': `trace-${i}` })));
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
    expect(endings).toHaveLength(40);
    for (const ending of endings) expect(ending.rows).toContain(ending.request);
  });

  it('is in the file when the proxy sends the 502 for a failed back end, and a refusal', async () => {
    const base = await startProxyInFront();
    expect(await send(base, '/v1/messages', { 'x-fail': '1', 'x-trace': 'failed' })).toBe(502);
    expect(await send(base, '/v2/nothing', {})).toBe(404);
    expect(endings.map((ending) => [ending.request, ending.rows.length])).toEqual([
      ['failed', 1],
      ['/v2/nothing', 2],
    ]);
    expect(readRowsNow().map((row) => [row.status, row.path])).toEqual([
      [502, '/v1/messages'],
      [404, '/v2/nothing'],
    ]);
  });
});
