// How the client's answer ends when the upstream does not end it well: a failure, the proxy's shutdown, a stream cut short.
import type { ServerResponse } from 'node:http';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ApiKind } from '../tap/usage-tap.js';
import type { UpstreamFailure } from './describe-upstream-failure.js';
import { sendError } from './send-error.js';

/** Before any byte, the failure as the API's own error answer; in a stream, its error event; else the connection cut. */
export function endAfterFailure(res: ServerResponse, kind: ApiKind | null, isEventStream: boolean, failure: UpstreamFailure): () => void {
  if (!res.headersSent) return () => sendError(res, kind, failure.status, failure.apiType, failure.message);
  return () => (isEventStream ? res.end(findProxyProtocol(kind).formatErrorEvent(failure.apiType, failure.message)) : res.destroy());
}

/** At the proxy's shutdown: a 503 before any byte, else the connection cut. */
export function endAtShutdown(res: ServerResponse, kind: ApiKind | null): () => void {
  if (res.headersSent) return () => res.destroy();
  return () => sendError(res, kind, 503, 'overloaded_error', 'tracker proxy: shutting down');
}

/** The error event that ends a stream which stopped short of its terminal event: one well-formed error, not a silent cut. */
export function formatShortStreamEnd(kind: ApiKind | null, backendName: string, wroteRest: boolean): Buffer {
  const message = `tracker proxy: back end ${backendName} ended the stream early`;
  return Buffer.from(`${wroteRest ? '\n\n' : ''}${findProxyProtocol(kind).formatErrorEvent('api_error', message)}`);
}
