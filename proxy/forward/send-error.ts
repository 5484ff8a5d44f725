// The proxy's own error answer, in the envelope of the protocol the client speaks.
import type { ServerResponse } from 'node:http';
import type { ApiKind } from '../tap/usage-tap.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ProxyErrorType } from '../protocols/proxy-protocol.js';

export function sendError(
  res: ServerResponse,
  kind: ApiKind | null,
  status: number,
  type: ProxyErrorType,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = findProxyProtocol(kind).formatErrorBody(type, message);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-tracker-proxy-error': type,
    ...headers,
  });
  res.end(body);
}
