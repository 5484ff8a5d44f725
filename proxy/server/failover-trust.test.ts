// What a failover chain takes on a refusal's word: a reset bounded by its bar, a dead next back end, the headers sent on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAILOVER_STATE_FILE, type FailoverState } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { RunningProxy } from './proxy-options.js';
import { startProxy } from './start-proxy.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const HOUR_MS = 3_600_000;
const MESSAGES = '/v1/messages';
const GEMINI = '/v1beta/models/gemini-2.5-pro:generateContent';
const REFUSAL_BODY = '{"type":"error","error":{"type":"rate_limit_error","message":"limit reached, resets at 3pm"}}';

let servers: Server[] = [];
let proxy: RunningProxy | null = null;
let dataDir = '';

afterEach(async () => {
  await proxy?.stop(0);
  proxy = null;
  for (const server of servers) await new Promise((resolve) => server.closeAllConnections() ?? server.close(resolve));
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

/** Anthropic's refusal for a spent 5-hour window, its reset at `resetS` (epoch seconds). */
function refuseFiveHour(resetS: number): Handler {
  return (req, res) => {
    req.resume();
    res.writeHead(429, {
      'content-type': 'application/json',
      'anthropic-ratelimit-unified-status': 'rejected',
      'anthropic-ratelimit-unified-5h-utilization': '1',
      'anthropic-ratelimit-unified-5h-reset': String(resetS),
      'request-id': 'req_first',
    });
    res.end(REFUSAL_BODY);
  };
}

function answerOk(seen: IncomingHttpHeaders[] = []): Handler {
  return (req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"type":"message","content":[]}');
  };
}

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** A proxy whose default back end is `firstUrl`, chained to `secondUrl` with a key of its own in `header`. */
async function start(firstUrl: string, secondUrl: string, header = 'x-api-key'): Promise<string> {
  const config = ProxyConfigSchema.parse({
    backends: { b: { url: secondUrl, auth_env: 'SECOND_KEY', auth_header: header } },
    failover: { chain: [{ backend: 'b' }] },
  });
  const env = { SECOND_KEY: 'second-key-0123456789' };
  const table = buildRoutingTable(config, [], firstUrl, env, BUILT_IN_CATALOG);
  dataDir = mkdtempSync(join(tmpdir(), 'failover-trust-'));
  proxy = await startProxy({ table, dataDir, agentId: 'main', env, flushMs: 10 });
  return proxy.url;
}

function ask(url: string, path = MESSAGES, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'client-key-0123456789', ...headers },
    body: '{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[]}',
  });
}

function readState(): FailoverState {
  return JSON.parse(readFileSync(join(dataDir, FAILOVER_STATE_FILE), 'utf8')) as FailoverState;
}

describe('a failover chain trusts a refusal no further than its bar allows', () => {
  it('holds a 5-hour bar whose refusal names a reset in 2199 aside for 5 hours, the state file naming the figure', async () => {
    const url = await start(await serve(refuseFiveHour(Date.parse('2199-01-01T00:00:00Z') / 1000)), await serve(answerOk()));
    const before = Date.now();
    expect((await ask(url)).status).toBe(200);
    const [spent] = readState().spent;
    expect(spent).toMatchObject({ backend: expect.any(String), bar: 'five_hour', clamped_from: '2199-01-01T00:00:00.000Z' });
    const untilMs = Date.parse(spent?.resets_at ?? '');
    expect(untilMs).toBeGreaterThanOrEqual(before + 5 * HOUR_MS);
    expect(untilMs).toBeLessThanOrEqual(Date.now() + 5 * HOUR_MS);
  });

  it('holds a Gemini key whose refusal asks ten years aside for a day at most, naming its retryDelay', async () => {
    const tenYears = JSON.stringify({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'QUOTA_EXHAUSTED' },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '315360000s' },
        ],
      },
    });
    const first = await serve((req, res) => {
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(tenYears);
    });
    const url = await start(first, await serve(answerOk()), 'x-goog-api-key');
    expect((await ask(url, GEMINI, { 'x-goog-api-key': 'client-key-0123456789' })).status).toBe(200);
    const [spent] = readState().spent;
    expect(spent).toMatchObject({ bar: 'daily', clamped_from: 'retryDelay 315360000s' });
    // A day, 25 hours when Pacific clocks go back; not 2036.
    expect(Date.parse(spent?.resets_at ?? '')).toBeLessThanOrEqual(Date.now() + 25 * HOUR_MS);
  });
});

describe('a dead next back end', () => {
  for (const [what, second] of [
    ['refuses connections', closedPort],
    [
      'answers 503',
      () =>
        serve((req, res) => {
          req.resume();
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('upstream connect error');
        }),
    ],
  ] as const) {
    it(`that ${what} lets the first account's refusal reach the client as its vendor sent it, request after request`, async () => {
      const resetS = Math.floor(Date.now() / 1000) + 3600;
      const url = await start(await serve(refuseFiveHour(resetS)), await second());
      for (let i = 0; i < 2; i++) {
        const answer = await ask(url);
        expect([answer.status, answer.headers.get('request-id'), answer.headers.get('anthropic-ratelimit-unified-5h-reset')]).toEqual([
          429,
          'req_first',
          String(resetS),
        ]);
        expect(await answer.text()).toBe(REFUSAL_BODY);
      }
    });
  }
});

describe('a request moved to the next back end', () => {
  it("carries only the headers that back end's API needs: no cookie, organization, session or client key", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const url = await start(await serve(refuseFiveHour(Math.floor(Date.now() / 1000) + 3600)), await serve(answerOk(seen)));
    const answer = await ask(url, MESSAGES, {
      cookie: 'sessionKey=sk-ant-sid01-first-account',
      'anthropic-organization-id': 'org-first-account',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'oauth-2025-04-20',
      'x-claude-code-session-id': 'session-of-the-first-account',
      'x-stainless-os': 'Linux',
      'user-agent': 'claude-cli/2.1.0',
      accept: 'application/json',
    });
    expect(answer.status).toBe(200);
    const sent = seen[0] ?? {};
    expect(
      Object.keys(sent)
        .filter((name) => name !== 'host' && name !== 'connection')
        .sort(),
    ).toEqual([
      'accept',
      'accept-encoding',
      'anthropic-beta',
      'anthropic-version',
      'content-length',
      'content-type',
      'user-agent',
      'x-api-key',
    ]);
    expect([sent['x-api-key'], sent['user-agent'], sent['anthropic-version']]).toEqual([
      'second-key-0123456789',
      'claude-cli/2.1.0',
      '2023-06-01',
    ]);
  });
});
