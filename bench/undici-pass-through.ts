// A minimal HTTP pass-through (node:http server, one undici Pool, dispatch API), run as its own process: the floor of a Node proxy.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type Dispatcher } from 'undici';

const upstreamPort = Number(process.argv[2]);
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) {
  process.stderr.write('usage: node undici-pass-through.js UPSTREAM_PORT (proxies 127.0.0.1:0 to 127.0.0.1:UPSTREAM_PORT)\n');
  process.exit(2);
}

// Hop-by-hop headers (RFC 9110 section 7.6.1) are the only ones a correct pass-through must drop; nothing else is done.
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'upgrade', 'te', 'trailer', 'proxy-connection']);
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart() {},
      onResponseStart(_ctl, status, headers) {
        res.writeHead(status, dropHop(headers));
      },
      onResponseData(ctl, chunk) {
        if (!res.write(chunk)) {
          ctl.pause();
          res.once('drain', () => ctl.resume());
        }
      },
      onResponseEnd: () => res.end(),
      onResponseError: () => (res.headersSent ? res.destroy() : res.writeHead(502).end()),
    };
    pool.dispatch(
      { path: req.url ?? '/', method: req.method as Dispatcher.HttpMethod, headers: dropHop(req.headers), body: Buffer.concat(chunks) },
      handler,
    );
  });
});

function dropHop(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const name in headers) if (!HOP.has(name) && headers[name] !== undefined) kept[name] = headers[name] as string | string[];
  return kept;
}

server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`),
);
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.destroy();
});
