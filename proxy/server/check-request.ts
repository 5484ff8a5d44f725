// The checks before a request is routed: the proxy's own token, a served path, no dot segments.
import type { IncomingMessage } from 'node:http';
import type { ProxyErrorType } from '../forward/api-errors.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { classifyPath, errorKindOf } from './classify-path.js';

export interface Refusal {
  status: number;
  apiType: ProxyErrorType;
  /** For telemetry's error_type. */
  errorType: string;
  message: string;
  kind: ApiKind;
  headers?: Record<string, string>;
}

export type CheckedRequest = { ok: true; kind: ApiKind | null } | { ok: false; refusal: Refusal };

/** "." or ".." as a path segment, written plainly or percent-encoded: it could climb out of /v1/ or a back end's base path. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

export function checkRequest(req: IncomingMessage, path: string, authToken: string | null): CheckedRequest {
  const kind = errorKindOf(path);
  const refuse = (status: number, apiType: ProxyErrorType, errorType: string, message: string): CheckedRequest => ({ ok: false, refusal: { status, apiType, errorType, message, kind } });
  if (authToken !== null && req.headers['x-tracker-auth'] !== authToken) {
    return refuse(401, 'authentication_error', 'proxy_unauthorized', 'tracker proxy: missing or wrong x-tracker-auth header');
  }
  if (DOT_SEGMENT.test(path)) return refuse(400, 'invalid_request_error', 'proxy_bad_path', `tracker proxy: refused a path with "." or ".." segments: ${path}`);
  const served = classifyPath(path);
  if (!served.served) {
    return refuse(404, 'not_found_error', 'proxy_no_api', `tracker proxy: no API at ${path} (it serves /v1/messages, /v1/responses and other /v1/* paths)`);
  }
  return { ok: true, kind: served.kind };
}
