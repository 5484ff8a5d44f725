// `tracker metrics --listen`: GET /metrics over node:http, OpenMetrics to a client that asks for it, Prometheus' text format otherwise.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost, matchesToken } from '../kernel/index.js';
import type { MetricsExposer } from './metrics-registry.js';

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** Scrapers must send it (`Authorization: Bearer …`, or x-tracker-auth); null: none asked (loopback only). */
  token: string | null;
  exposer: MetricsExposer;
  /** A scrape that failed (the ledger could not be read): the server answers 500 and goes on. */
  onError: (error: unknown) => void;
}

export interface MetricsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const loopback = isLoopbackHost(options.host);
  const server = createServer((request, response) => {
    answerRequest(request, response, options, loopback).catch((error: unknown) => {
      options.onError(error);
      if (response.headersSent) response.destroy();
      else sendText(response, 500, 'reading the ledger failed (the terminal of tracker metrics says why)');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/metrics`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answerRequest(request: IncomingMessage, response: ServerResponse, options: MetricsServerOptions, loopback: boolean) {
  // On loopback a Host that is not loopback is a page elsewhere reaching in by DNS rebinding (as the viewer refuses it).
  if (loopback && !isLoopbackHost((request.headers.host ?? '').replace(/:\d+$/, '')))
    return sendText(response, 421, 'tracker metrics answers only on loopback');
  if (options.token !== null && !presentsToken(request, options.token))
    return sendText(response, 401, 'tracker metrics needs its token: Authorization: Bearer <token> (or x-tracker-auth)');
  const path = (request.url ?? '/').split('?')[0];
  if (path !== '/metrics') return sendText(response, 404, 'not found: the metrics are at /metrics');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return sendText(response, 405, 'only GET and HEAD');
  }
  const { contentType, body } = await options.exposer.expose(chooseFormat(request.headers.accept));
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store', vary: 'accept' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function presentsToken(request: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return matchesToken(bearer, token) || matchesToken(request.headers['x-tracker-auth'], token);
}

/**
 * OpenMetrics when the client prefers it (Prometheus asks `application/openmetrics-text;version=1.0.0,…,
 * text/plain;version=0.0.4;q=0.5,*\/*;q=0.1`), else Prometheus' text format, which every scraper reads (RFC 9110
 * section 12.5.1: the highest q wins; q=0 is "not acceptable").
 */
export function chooseFormat(accept: string | undefined): 'openmetrics' | 'prometheus' {
  let openMetrics = 0;
  let text = accept === undefined ? 1 : 0;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = Number(params.find((param) => param.startsWith('q='))?.slice(2) ?? '1');
    const weight = Number.isFinite(q) ? q : 0;
    if (type === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, weight);
    else if (type === 'text/plain' || type === 'text/*' || type === '*/*') text = Math.max(text, weight);
  }
  return openMetrics > 0 && openMetrics >= text ? 'openmetrics' : 'prometheus';
}

function sendText(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`${message}\n`);
}
