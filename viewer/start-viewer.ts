// `experiment view`'s server: node:http on loopback by default, behind a per-start token, with the front end, the JSON API and live events.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../kernel/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import type { AccountNames } from '../reports/index.js';
import type { ViewPlans } from './read-capacity-view.js';
import { createApi } from './api-routes.js';
import { startLedgerWork } from './ledger-work.js';
import { createAssetServer, SECURITY_HEADERS } from './serve-assets.js';
import { assertViewerToken, checkViewerAuth, createViewerToken, sendRefusal } from './viewer-auth.js';
import { guardRequests, parseRequestTarget } from './guard-request.js';
import { watchLedger } from './watch-ledger.js';

export interface ViewerOptions {
  dataDir: string;
  /** The data dir's provider catalog: the reader prices the report and usage with it, as the commands do. */
  catalog: ProviderCatalog;
  /** The plans `--plan` gave, by provider or account: the calibration, headroom and prices read them (default: none). */
  plans?: ViewPlans;
  /** Each login's e-mail by account, read by the command at start (readLoginNames): shown beside `claude@acct-…`. */
  accountNames?: AccountNames;
  host: string;
  /** 0: any free port. */
  port: number;
  /** The secret every caller presents (default: a fresh one for this start, see createViewerToken). */
  token?: string;
  /** How often the ledger is looked at (ms). */
  pollMs?: number;
  /** Where the built front end is (default: the package's dist/viewer/web). */
  webDir?: string;
  onWarning?: (message: string) => void;
}

export interface Viewer {
  /** The address to open, with `?token=`. */
  url: string;
  /** The token this start answers to (scripts send it as x-tracker-auth). */
  token: string;
  port: number;
  stop(): Promise<void>;
}

/** Comments every 15 s keep proxies and the browser from closing an idle event stream. */
const KEEPALIVE_MS = 15_000;

export async function startViewer(options: ViewerOptions): Promise<Viewer> {
  const token = options.token ?? createViewerToken();
  assertViewerToken(token);
  const auth = { token, port: options.port, loopback: isLoopbackHost(options.host) };
  const clients = new Set<ServerResponse>();
  const broadcast = (event: string, data: unknown): void => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const work = startLedgerWork(
    options.dataDir,
    options.catalog,
    (views) =>
      broadcast('computed', { ledger: views.ledger?.generation ?? null, reports: views.reports?.generation ?? null, busy: views.busy }),
    options.plans,
  );
  const watch = watchLedger(
    options.dataDir,
    (generation) => {
      work.refresh(generation);
      broadcast('ledger', { generation });
    },
    (message) => options.onWarning?.(`cannot read the ledger to follow it (will retry): ${message}`),
    options.pollMs,
  );
  work.refresh(watch.generation);
  const api = createApi({
    dataDir: options.dataDir,
    work,
    generation: () => watch.generation,
    now: () => new Date(),
    accountNames: options.accountNames,
  });
  const assets = createAssetServer(options.webDir);
  const handle = guardRequests(
    (request, response) => {
      const url = parseRequestTarget(request.url);
      if (checkViewerAuth(request, url, response, auth) !== 'allowed') return;
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return sendRefusal(response, 405, `${request.method} is not allowed: the viewer only reads`);
      if (url.pathname === '/api/events') {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(`retry: 2000\nevent: ledger\ndata: ${JSON.stringify({ generation: watch.generation })}\n\n`);
        clients.add(response);
        request.on('close', () => clients.delete(response));
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        response.setHeaders(new Map(Object.entries(SECURITY_HEADERS)));
        return api(url.pathname, url.searchParams, response);
      }
      // Browsers ask for an icon on their own: none, rather than a 404 in every console.
      if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
      return assets(url.pathname, response);
    },
    (error) => options.onWarning?.(`a request failed: ${(error as Error)?.stack ?? String(error)}`),
  );
  const server = createServer(handle);
  const keepalive = setInterval(() => {
    for (const client of clients) client.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  auth.port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${auth.port}/?token=${encodeURIComponent(token)}`,
    token,
    port: auth.port,
    stop: async () => {
      clearInterval(keepalive);
      watch.stop();
      for (const client of clients) client.end();
      clients.clear();
      await work.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
