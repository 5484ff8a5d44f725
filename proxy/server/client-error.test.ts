// A request Node's parser refuses, or whose headers come late, gets the API's error envelope and is counted, never written.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../ledger/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import { describeClientError } from './answer-client-error.js';
import type { RunningProxy } from './proxy-options.js';
import { startProxy } from './start-proxy.js';

let proxy: RunningProxy | null = null;

afterEach(async () => {
  await proxy?.stop(0);
  proxy = null;
});

async function startBareProxy(rows: TelemetryRow[], headersTimeoutMs = 30_000): Promise<RunningProxy> {
  const table = buildRoutingTable(ProxyConfigSchema.parse({}), [], 'http://127.0.0.1:9', {}, BUILT_IN_CATALOG);
  proxy = await startProxy({
    table,
    dataDir: mkdtempSync(join(tmpdir(), 'proxy-client-error-')),
    agentId: 'main',
    env: {},
    flushMs: 10,
    onTelemetry: (row) => rows.push(row),
    limits: { headersTimeoutMs, requestTimeoutMs: Math.max(headersTimeoutMs, 1_000) },
  });
  return proxy;
}

/** Sends raw bytes and collects everything until the proxy closes the socket. */
function sendRaw(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

function readRefusals(url: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    request(`${url}/_tracker/health`, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(JSON.parse(body).refused));
    })
      .on('error', reject)
      .end();
  });
}

function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

describe('answerClientError', () => {
  it('answers a malformed request line 400 in the envelope, counts it and writes no row', async () => {
    const rows: TelemetryRow[] = [];
    const running = await startBareProxy(rows);
    const answer = await sendRaw(running.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(bodyOf(answer)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(await readRefusals(running.url)).toMatchObject({ proxy_bad_request: 1 });
    await running.stop(0);
    proxy = null;
    expect(rows).toHaveLength(0);
  });

  it('answers late headers 408 timeout_error and counts them', async () => {
    const running = await startBareProxy([], 200);
    const answer = await sendRaw(running.url, 'POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(bodyOf(answer)).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
    expect(await readRefusals(running.url)).toMatchObject({ proxy_header_timeout: 1 });
  });

  it('answers an oversized header block 431, and a reset connection nothing', () => {
    expect(describeClientError('HPE_HEADER_OVERFLOW')?.status).toBe(431);
    expect(describeClientError('HPE_INVALID_METHOD')?.message).toContain('HPE_INVALID_METHOD');
    expect(describeClientError('ECONNRESET')).toBeNull();
  });
});
