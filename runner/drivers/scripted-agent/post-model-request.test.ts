// The agent's POST gives up on a server that goes silent, before its headers or in the middle of its body.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postModelRequest, readBodyText } from './post-model-request.js';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A server that reads the request and then answers as `answer` says (or never). */
async function startServer(answer: (response: import('node:http').ServerResponse) => void): Promise<string> {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(response));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
}

describe('postModelRequest', () => {
  it('rejects with ETIMEDOUT when no headers come within the idle limit', async () => {
    const url = await startServer(() => undefined);
    await expect(postModelRequest(url, {}, '{}', undefined, 100)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('ends the body with an error when the stream goes silent after its headers', async () => {
    const url = await startServer((response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: ping\ndata: {}\n\n');
    });
    const answer = await postModelRequest(url, {}, '{}', undefined, 100);
    expect(answer.statusCode).toBe(200);
    await expect(readBodyText(answer)).rejects.toThrow();
  });

  it('reads a whole answer that comes in time', async () => {
    const url = await startServer((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    const answer = await postModelRequest(url, {}, '{}', undefined, 5_000);
    expect(await readBodyText(answer)).toBe('{"ok":true}');
  });
});
