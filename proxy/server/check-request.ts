// The checks before a request is routed: the proxy's own token, a served path, no dot segments.
import type { IncomingMessage } from 'node:http';
import type { ProxyErrorType } from '../protocols/proxy-protocol.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { classifyPath, errorKindOf, isChatgptWebPath } from './classify-path.js';
import { escapeControls, matchesToken } from '../../kernel/index.js';

export interface Refusal {
  status: number;
  apiType: ProxyErrorType;
  /** For telemetry's error_type. */
  errorType: string;
  message: string;
  kind: ApiKind;
  headers?: Record<string, string>;
}

/** A refusal of ChatGPT's web API: Codex's own housekeeping, not model traffic, so it leaves no telemetry row (handle-request.ts). */
export const CHATGPT_WEB_API = 'proxy_chatgpt_web_api';

export type CheckedRequest = { ok: true; kind: ApiKind | null } | { ok: false; refusal: Refusal };

/** "." or ".." as a whole path segment, once backslashes count as slashes. */
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;
/** Layers of percent-encoding undone before giving up (`%252e` is `.` encoded twice). */
const MAX_DECODES = 3;

export function checkRequest(req: IncomingMessage, path: string, authToken: string | null): CheckedRequest {
  const kind = errorKindOf(path);
  const refuse = (status: number, apiType: ProxyErrorType, errorType: string, message: string): CheckedRequest => ({
    ok: false,
    refusal: { status, apiType, errorType, message, kind },
  });
  if (authToken !== null && !matchesToken(req.headers['x-tracker-auth'], authToken)) {
    return refuse(401, 'authentication_error', 'proxy_unauthorized', 'tracker proxy: missing or wrong x-tracker-auth header');
  }
  // Agents send neither an Origin header nor a body that is not JSON; a web page's request does (a
  // text/plain POST with an Origin was forwarded upstream on the user's key). Refused before its body is read.
  if (req.headers.origin !== undefined)
    return refuse(
      403,
      'permission_error',
      'proxy_web_origin',
      `tracker proxy: refused a request from a web page (Origin ${escapeControls(String(req.headers.origin).slice(0, 100))}): agents send no Origin header`,
    );
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && !isJsonType(req.headers['content-type']))
    return refuse(
      415,
      'invalid_request_error',
      'proxy_not_json',
      `tracker proxy: a ${method} body must be JSON (content-type application/json), got ${escapeControls(JSON.stringify(req.headers['content-type'] ?? 'none'))}`,
    );
  if (hasDotSegment(path))
    return refuse(
      400,
      'invalid_request_error',
      'proxy_bad_path',
      `tracker proxy: refused a path with "." or ".." segments: ${escapeControls(path)}`,
    );
  const served = classifyPath(path);
  if (!served.served) {
    return isChatgptWebPath(path)
      ? refuse(
          404,
          'not_found_error',
          CHATGPT_WEB_API,
          `tracker proxy: ChatGPT's web API is not forwarded (${escapeControls(path)}); it serves only /backend-api/codex/responses and /backend-api/codex/models there`,
        )
      : refuse(
          404,
          'not_found_error',
          'proxy_no_api',
          `tracker proxy: no API at ${escapeControls(path)} (it serves /v1/messages, /v1/responses, other /v1/* paths, Gemini's /v1beta/models/*, Code Assist's generation, token count, quota and set-up reads, and ChatGPT's /backend-api/codex/responses)`,
        );
  }
  return { ok: true, kind: served.kind };
}

/**
 * True when the path holds a "." or ".." segment in any spelling a back end or a URL normaliser might
 * resolve (RFC 3986 section 5.2.4): plain, percent-encoded (%2e, %2f, %5c in either case, in layers) or
 * with backslashes (WHATWG URL treats "\\" as "/" in http URLs). Any of them could climb out of /v1/
 * or a back end's base path. A path that is still encoded after MAX_DECODES layers is refused too.
 */
export function hasDotSegment(path: string): boolean {
  let text = path;
  for (let layer = 0; layer <= MAX_DECODES; layer += 1) {
    const slashed = text.includes('\\') ? text.replaceAll('\\', '/') : text;
    if (DOT_SEGMENT.test(slashed)) return true;
    if (!slashed.includes('%')) return false;
    const decoded = decodePercents(slashed);
    if (decoded === slashed) return false;
    text = decoded;
  }
  return true;
}

/** One layer of percent-decoding; a malformed escape elsewhere must not hide an encoded dot, slash or backslash. */
function decodePercents(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%2e/gi, '.').replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
  }
}

/** `application/json`, with parameters (`; charset=utf-8`) or not. */
function isJsonType(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}
