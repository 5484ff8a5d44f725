// The server as a process part: ports, logging, delays, backpressure from a slow reader, and a clean close.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { parseScript } from './load-script.js';
import type { ScriptInput } from './script-schema.js';
import { startScriptedServer, type ScriptedServer } from './start-scripted-server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(script: ScriptInput, log?: (line: string) => void): Promise<ScriptedServer> {
  server = await startScriptedServer({ script: parseScript(script), ...(log ? { log } : {}) });
  return server;
}

function post(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('startScriptedServer', () => {
  it('listens on a free loopback port, counts requests and logs one line per answer', async () => {
    const lines: string[] = [];
    const { url, port } = await start({ steps: [{ type: 'text', text: 'hi', usage: { input_tokens: 5, output_tokens: 2 } }] }, (line) =>
      lines.push(line),
    );
    expect(url).toBe(`http://127.0.0.1:${port}`);
    await (await post(url, { model: 'claude-x', stream: true, messages: [] })).text();
    await (await fetch(`${url}/nope`)).text();
    expect(server?.received).toBe(2);
    expect(lines[0]).toMatch(
      /^#1 POST \/v1\/messages model=claude-x stream step=0:text 200 complete in=5 out=2 cache_read=0 cache_creation=0 \d+ms$/,
    );
    expect(lines[1]).toMatch(/^#2 GET \/nope 404 complete \d+ms$/);
  });

  it('refuses a port in use with one clear line', async () => {
    const first = await start({ steps: [{ type: 'text', text: 'hi' }] });
    const error = await startScriptedServer({ script: parseScript({ steps: [{ type: 'text', text: 'hi' }] }), port: first.port }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toLine()).toBe(`127.0.0.1:${first.port}: the port is already in use`);
  });

  it('waits delay_ms before the first byte and chunk_delay_ms between events', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'abcd', events: 4, delay_ms: 60, chunk_delay_ms: 15 }] });
    const startedAt = performance.now();
    const response = await post(url, { stream: true, messages: [] });
    const headersAt = performance.now();
    await response.text();
    const endedAt = performance.now();
    expect(headersAt - startedAt).toBeGreaterThanOrEqual(55);
    // 10 events -> 9 gaps of 15 ms.
    expect(endedAt - headersAt).toBeGreaterThanOrEqual(9 * 15 - 10);
  });

  it('honours backpressure: a reader that stops reading holds the stream until it reads again', async () => {
    const big = 'x'.repeat(64 * 1024);
    const { url, sent } = await start({ steps: [{ type: 'text', text: big.repeat(64), events: 64 }] });
    const { hostname, port } = new URL(url);
    const body = JSON.stringify({ stream: true, messages: [] });
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(
        { hostname, port, path: '/v1/messages', method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.pause();
          setTimeout(() => {
            // 4 MB of events cannot all sit in socket buffers: the server must be waiting for 'drain'.
            expect(sent).toHaveLength(0);
            let bytes = 0;
            res.on('data', (chunk: Buffer) => (bytes += chunk.length));
            res.on('end', () => resolve(bytes));
            res.resume();
          }, 150);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(received).toBeGreaterThan(64 * 64 * 1024);
    expect(sent[0]?.outcome).toBe('complete');
  });

  it('close() cuts an endless slow stream and ends keep-alive sockets promptly', async () => {
    const { url } = await start({ steps: [{ type: 'text', text: 'slow', events: 1000, chunk_delay_ms: 50 }] });
    // A finished keep-alive exchange leaves an idle socket open; a slow stream is still going.
    await (await fetch(`${url}/v1/models`)).text();
    const slow = await post(url, { stream: true, messages: [] });
    const reading = slow.text().catch((error: unknown) => error);
    const closingAt = performance.now();
    await server?.close();
    expect(performance.now() - closingAt).toBeLessThan(1000);
    expect(await reading).toBeInstanceOf(Error);
    expect(server?.sent.at(-1)?.outcome).toBe('server_closed');
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  });
});
