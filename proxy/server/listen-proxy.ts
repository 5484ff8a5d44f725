// Binds the proxy's HTTP server: its timeouts from the limits, and a taken port said in one line.
import type { Server, ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../kernel/index.js';
import type { ProxyLimits } from './proxy-limits.js';

/**
 * Node closes a connection whose headers are late (408) and one idle between requests; requestTimeout
 * bounds receiving a request only, never the streamed answer. The timeouts are checked every
 * connectionsCheckingInterval ms (default 30 s), so it follows the header timeout.
 * https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
 */
export function serverOptionsOf(limits: ProxyLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

export function listenProxy(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use`
          : `cannot listen on ${host}:${port}: ${error.code ?? error.message}`;
      reject(new AppError('IO', reason, { where: '--port' }));
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
