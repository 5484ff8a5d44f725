// A Google 429 held for the verdict in its body: passed on as it came when it is no window's, its row said rightly.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { RunningProxy } from './proxy-options.js';
import { startProxy } from './start-proxy.js';

const PATH = '/v1beta/models/gemini-2.5-pro:generateContent';
/** A per-minute limit, as the Gemini API sends it: a passing limit, which reaches the client. */
const PER_MINUTE = JSON.stringify({
  error: {
    code: 429,
    status: 'RESOURCE_EXHAUSTED',
    message: 'Resource has been exhausted (e.g. check quota).',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' },
    ],
  },
});

let first: Server | null = null;
let second: Server | null = null;
let proxy: RunningProxy | null = null;
let dataDir = '';
let secondAsked = 0;
/** Resolves once the first back end has sent its 429's start (and the part of the body the case sends). */
let sent: () => void = () => undefined;

afterEach(async () => {
  await proxy?.stop(0);
  proxy = null;
  for (const server of [first, second]) if (server) await new Promise((resolve) => server.closeAllConnections() ?? server.close(resolve));
  first = second = null;
  secondAsked = 0;
  rmSync(dataDir, { recursive: true, force: true });
});

/** The first back end's answers, by the request's x-case. */
function answerFirst(cases: string, res: ServerResponse): void {
  const head = { 'content-type': 'application/json; charset=UTF-8', 'x-google-trace': 'kept' };
  if (cases === 'minute') {
    res.writeHead(429, head);
    return void res.end(PER_MINUTE);
  }
  if (cases === 'large') {
    res.writeHead(429, head);
    return void res.end(`{"error":{"status":"RESOURCE_EXHAUSTED","message":"${'x'.repeat(70 * 1024)}"}}`);
  }
  res.writeHead(429, head);
  res.write('{"error":{"code":429,', () => sent());
  // 'broken' drops the connection mid-body; 'hold' keeps it open until the client or the proxy gives up.
  if (cases === 'broken') setTimeout(() => res.socket?.destroy(), 20);
}

async function listenOn(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function start(): Promise<{ url: string; rows: TelemetryRow[] }> {
  first = createServer((req, res) => {
    req.resume();
    req.on('end', () => answerFirst(String(req.headers['x-case']), res));
  });
  second = createServer((req, res) => {
    secondAsked += 1;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  const firstUrl = await listenOn(first);
  const config = ProxyConfigSchema.parse({
    backends: { b: { url: await listenOn(second), auth_env: 'SECOND_KEY', auth_header: 'x-goog-api-key' } },
    failover: { chain: [{ backend: 'b' }] },
  });
  const env = { SECOND_KEY: 'second-key-0123456789' };
  const table = buildRoutingTable(config, [], firstUrl, env, BUILT_IN_CATALOG);
  dataDir = mkdtempSync(join(tmpdir(), 'held-answer-'));
  const rows: TelemetryRow[] = [];
  proxy = await startProxy({ table, dataDir, agentId: 'main', env, flushMs: 10, onTelemetry: (row) => rows.push(row) });
  return { url: proxy.url, rows };
}

function ask(url: string, cases: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'client-key-0123456789', 'x-case': cases },
    body: '{"contents":[]}',
    ...(signal ? { signal } : {}),
  });
}

/** Once the proxy holds the 429's start: the first back end has sent it, and the proxy has had time to read it. */
async function untilHeld(): Promise<void> {
  await new Promise<void>((resolve) => {
    sent = resolve;
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('a Google 429 held for its verdict', () => {
  it('reaches the client as it came when it is a per-minute limit: status, headers, body, and its row', async () => {
    const { url, rows } = await start();
    const answer = await ask(url, 'minute');
    expect([answer.status, answer.headers.get('x-google-trace'), await answer.text()]).toEqual([429, 'kept', PER_MINUTE]);
    await proxy?.stop();
    expect(rows.map((row) => [row.status, row.error_type, 'failover_from' in row])).toEqual([[429, 'http_429', false]]);
    expect(secondAsked).toBe(0);
  });

  it('is the proxy 502 when its body is over the 64 KiB cap or breaks off, said so on its row', async () => {
    const { url, rows } = await start();
    const large = await ask(url, 'large');
    const broken = ask(url, 'broken');
    const answers = [large.status, (await broken).status];
    await proxy?.stop();
    expect(answers).toEqual([502, 502]);
    expect(rows.map((row) => [row.status, row.error_type])).toEqual([
      [502, 'upstream_unreadable_refusal'],
      [502, 'upstream_unreadable_refusal'],
    ]);
    expect(secondAsked).toBe(0);
  });

  it('is recorded as the client hanging up when the client leaves while it is read, not as the back end failing', async () => {
    const { url, rows } = await start();
    const client = new AbortController();
    const answer = ask(url, 'hold', client.signal).catch(() => null);
    await untilHeld();
    client.abort();
    await answer;
    await proxy?.stop();
    expect(rows.map((row) => [row.status, row.error_type, row.aborted])).toEqual([[0, 'client_disconnected', true]]);
    expect(secondAsked).toBe(0);
  });

  it('gets the 503 "shutting down" when the proxy stops while it is read, its row saying so', async () => {
    const { url, rows } = await start();
    const answer = ask(url, 'hold');
    await untilHeld();
    await proxy?.stop(0);
    const got = await answer;
    expect([got.status, await got.text()]).toEqual([503, expect.stringContaining('tracker proxy: shutting down')]);
    expect(rows.map((row) => [row.status, row.error_type, row.aborted])).toEqual([[503, 'proxy_shutdown', true]]);
    expect(secondAsked).toBe(0);
  });
});
