// `tracker mcp --http`: the SDK client gets in at the printed URL only; without the secret path or token nothing answers.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningMcpHttp, startMcpHttp } from './serve-mcp-http.js';
import { writeMonthOfUse } from './test-fixtures/write-month-of-use.js';

const running: RunningMcpHttp[] = [];
/** A secret base path as keep-start-path.ts makes them. */
const createStartPath = (): string => `/_s/${randomBytes(16).toString('hex')}`;
afterEach(async () => {
  await Promise.all(running.splice(0).map((one) => one.stop()));
});

async function start(guard: {
  startPath: string | null;
  authToken: string | null;
}): Promise<{ server: RunningMcpHttp; refused: string[] }> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'mcp-http-')), 'data');
  writeMonthOfUse(dataDir);
  const refused: string[] = [];
  const server = await startMcpHttp({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    ...guard,
    onWrongStartPath: () => refused.push('base-path'),
    onWrongToken: () => refused.push('token'),
  });
  running.push(server);
  return { server, refused };
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
});

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
  });
}

describe('tracker mcp --http', () => {
  it('serves the SDK client at the URL it prints, under the secret path', async () => {
    const startPath = createStartPath();
    const { server } = await start({ startPath, authToken: null });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}${startPath}/mcp`);
    const client = new Client({ name: 'test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    const result = (await client.callTool({ name: 'usage', arguments: { by: 'account' } })) as unknown as {
      structuredContent: { rows: { total: number }[] };
    };
    // 28 days x 5 requests x 10,500 tokens.
    expect(result.structuredContent.rows[0]?.total).toBe(1_470_000);
    await client.close();
  });

  it('refuses every request without the secret path (401, nothing about the ledger), each one told to the command', async () => {
    const startPath = createStartPath();
    const { server, refused } = await start({ startPath, authToken: null });
    const origin = `http://127.0.0.1:${server.port}`;
    for (const url of [
      `${origin}/mcp`,
      `${origin}/_s/${'0'.repeat(32)}/mcp`,
      `${origin}${startPath.slice(0, -1)}/mcp`,
      `${origin}/_s/../mcp`,
    ]) {
      const answer = await post(url, INITIALIZE);
      expect(answer.status, url).toBe(401);
      expect(await answer.text()).not.toContain('agent-tracker');
    }
    expect(refused).toEqual(['base-path', 'base-path', 'base-path', 'base-path']);
    const client = new Client({ name: 'test', version: '1' });
    await expect(client.connect(new StreamableHTTPClientTransport(new URL(`${origin}/mcp`)))).rejects.toThrow(
      /answers only at the URL it printed/,
    );
  });

  it('with a token instead, refuses a request without it or with another', async () => {
    const { server } = await start({ startPath: null, authToken: 'token-0123456789abcdef' });
    expect((await post(server.url, INITIALIZE)).status).toBe(401);
    expect((await post(server.url, INITIALIZE, { 'x-tracker-auth': 'token-wrong' })).status).toBe(401);
    const answer = await post(server.url, INITIALIZE, { 'x-tracker-auth': 'token-0123456789abcdef' });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe('agent-tracker');
  });

  it('refuses a body past its bound, a body that is not JSON, another path or method, and a foreign Host header', async () => {
    const startPath = createStartPath();
    const { server } = await start({ startPath, authToken: null });
    expect((await post(server.url, 'x'.repeat(300 * 1024))).status).toBe(413);
    const broken = await post(server.url, '{"jsonrpc":');
    expect([broken.status, ((await broken.json()) as { error: { code: number } }).error.code]).toEqual([400, -32700]);
    expect((await post(server.url.replace(/\/mcp$/, '/other'), INITIALIZE)).status).toBe(404);
    expect((await fetch(server.url, { method: 'GET' })).status).toBe(405);
    expect(await postWithHost(server.url, `evil.example:${server.port}`)).toBe(403);
  });
});

/** fetch sets Host itself: a page reaching 127.0.0.1 under another name (DNS rebinding) is imitated with node:http. */
function postWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: 'POST', headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' } },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    sent.on('error', reject);
    sent.end(INITIALIZE);
  });
}
