// Hand-made upstreams for the proxy specs: byte-exact streams, resets and slow streams the specs control.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawUpstream {
  url: string;
  /** Request headers in arrival order. */
  requests: IncomingHttpHeaders[];
  /** When the server saw a request's connection close before its answer ended (performance.now ms), and when it last wrote. */
  abortedAt: number | null;
  lastWriteAt: number | null;
  /** The exact bytes of the stream it sends (or starts to send). */
  body: Buffer;
  close(): Promise<void>;
}

export type RawBehaviour =
  | { kind: 'split'; pieceBytes: number; inputTokens: number; outputTokens: number }
  | { kind: 'reset-midway' }
  | { kind: 'slow'; everyMs: number; forMs: number }
  | { kind: 'silent' };

/** A message stream with multi-byte text and cumulative usage: message_delta repeats and grows the counts. */
export function buildMessageStream(inputTokens: number, outputTokens: number, deltas = 4): Buffer {
  const event = (type: string, data: object): string => `event: ${type}\r\ndata: ${JSON.stringify({ type, ...data })}\r\n\r\n`;
  const parts = [
    event('message_start', {
      message: {
        id: 'msg_raw',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        usage: { input_tokens: inputTokens, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
      },
    }),
  ];
  parts.push(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
  for (let i = 0; i < deltas; i += 1)
    parts.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: `Grüße ✓ ${i} 日本語 ` } }));
  parts.push(event('content_block_stop', { index: 0 }));
  parts.push(
    event('message_delta', {
      delta: { stop_reason: null },
      usage: { input_tokens: inputTokens, output_tokens: Math.floor(outputTokens / 2) },
    }),
  );
  parts.push(
    event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { input_tokens: inputTokens, output_tokens: outputTokens } }),
  );
  parts.push(event('message_stop', {}));
  return Buffer.from(parts.join(''));
}

export async function startRawUpstream(behaviour: RawBehaviour): Promise<RawUpstream> {
  const body =
    behaviour.kind === 'split' ? buildMessageStream(behaviour.inputTokens, behaviour.outputTokens) : buildMessageStream(100, 50, 40);
  const upstream: RawUpstream = { url: '', requests: [], abortedAt: null, lastWriteAt: null, body, close: async () => {} };
  const server: Server = createServer((req, res) => {
    upstream.requests.push(req.headers);
    req.resume();
    req.on('end', () => {
      if (behaviour.kind === 'silent') return;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': `req_raw_${upstream.requests.length}` });
      res.flushHeaders();
      res.on('close', () => {
        if (!res.writableFinished) upstream.abortedAt = performance.now();
      });
      void play(behaviour, body, res, upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return upstream;
}

async function play(behaviour: RawBehaviour, body: Buffer, res: import('node:http').ServerResponse, upstream: RawUpstream): Promise<void> {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  if (behaviour.kind === 'split') {
    for (let at = 0; at < body.length && !res.destroyed; at += behaviour.pieceBytes) {
      res.write(body.subarray(at, at + behaviour.pieceBytes));
      if (at % (behaviour.pieceBytes * 64) === 0) await pause(1);
    }
    res.end();
    return;
  }
  if (behaviour.kind === 'reset-midway') {
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    await pause(50);
    res.socket?.destroy();
    return;
  }
  if (behaviour.kind === 'silent') return;
  const events = body.toString('utf8').split('\r\n\r\n').filter(Boolean);
  const deadline = performance.now() + behaviour.forMs;
  for (const event of events.slice(0, -1)) {
    if (res.destroyed) return;
    res.write(`${event}\r\n\r\n`);
    upstream.lastWriteAt = performance.now();
    if (performance.now() >= deadline) break;
    await pause(behaviour.everyMs);
  }
  if (!res.destroyed) res.end(`${events.at(-1)}\r\n\r\n`);
}
