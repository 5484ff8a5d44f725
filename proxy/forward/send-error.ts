// The proxy's own error answer, in the shape of the API the client speaks (Anthropic or OpenAI error envelope).
import type { ServerResponse } from 'node:http';
import type { ApiKind } from '../tap/usage-tap.js';
import { formatErrorBody } from './api-errors.js';

export function sendError(
  res: ServerResponse,
  kind: ApiKind | null,
  status: number,
  type: Parameters<typeof formatErrorBody>[1],
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = formatErrorBody(kind, type, message);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-tracker-proxy-error': type,
    ...headers,
  });
  res.end(body);
}
