// Starts the routing proxy: an HTTP server on loopback over what its requests share, and a clean stop.
import { createServer } from 'node:http';
import { assertSafeHost } from '../../kernel/index.js';
import { answerClientError } from './answer-client-error.js';
import { handleProxyRequest } from './handle-request.js';
import { listenProxy, serverOptionsOf } from './listen-proxy.js';
import { openProxyRuntime } from './open-proxy-runtime.js';
import type { ProxyOptions, RunningProxy } from './proxy-options.js';
import { resolveProxyLimits } from './proxy-limits.js';

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const host = options.host ?? '127.0.0.1';
  assertSafeHost(host, options.authToken ?? null);
  const env = options.env ?? process.env;
  const limits = resolveProxyLimits(env, options.limits);
  const opened = openProxyRuntime(options, env, limits);
  const { runtime, shutdown } = opened;
  const { refusals } = runtime;
  let inFlight = 0;
  const server = createServer(serverOptionsOf(limits), (req, res) => {
    inFlight += 1;
    handleProxyRequest(runtime, req, res)
      .catch((error: unknown) => {
        // A defect, not user input: answer something well-formed and keep serving.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: 'api_error', message: `tracker proxy: internal error: ${(error as Error).message}` },
          }),
        );
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) server.emit('idle');
      });
  });
  // Past the cap Node closes new sockets as they are accepted and emits 'drop' (https://nodejs.org/api/net.html#event-drop).
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.on('drop', () => refusals.set('proxy_connection_cap', (refusals.get('proxy_connection_cap') ?? 0) + 1));
  server.on('clientError', (error: Error & { code?: string }, socket) => answerClientError(error, socket, refusals));
  let port: number;
  try {
    port = await listenProxy(server, host, options.port ?? 0);
  } catch (error) {
    // Nothing was served: close what was opened (a PostgreSQL-bound row writer holds connections) before refusing.
    await opened.close();
    throw error;
  }
  opened.startFailover();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  const armPaths = runtime.armPaths;
  return {
    url: `${url}${runtime.startPath ?? ''}`,
    port,
    budget: runtime.budget ?? null,
    rebuilt: opened.rebuilt,
    inFlight: () => inFlight,
    limits,
    openArmPath: armPaths ? (headers) => armPaths.openPath(url, headers) : null,
    async stop(graceMs = 10_000) {
      server.close();
      server.closeIdleConnections();
      let aborted = 0;
      if (inFlight > 0) {
        const idle = new Promise<void>((resolve) => server.once('idle', resolve));
        const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
        if ((await Promise.race([idle, timer])) === 'late') {
          aborted = inFlight;
          shutdown.abort();
          // The cut requests' rows, then their 503s or cuts (which wait for the rows), before the sockets go.
          void runtime.queue.flush();
          // Requests still uploading their body are not listening for the abort: cut their sockets.
          server.closeAllConnections();
          await idle;
        }
      }
      server.closeAllConnections();
      return { aborted, lostRows: await opened.close() };
    },
  };
}
