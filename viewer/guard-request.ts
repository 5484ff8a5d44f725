// One guard around every request the viewer answers: a target it cannot parse gets a 400, anything thrown a 4xx/500, and no request ever ends the process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, isAppError } from '../kernel/index.js';

/**
 * The request target as a URL on this server. An origin-form target (RFC 9112 §3.2.1) is a path from the root, and
 * `//`, `//x:99999/` or `//[::1` are such paths: resolved against a base, `new URL` reads them as another host and
 * throws, which ended the viewer (a page anywhere could send one with an `<img>`). Prefixing the origin keeps them
 * paths. Anything else (absolute-form `http://elsewhere/`, `*`) is not for this server.
 */
export function parseRequestTarget(target: string | undefined): URL {
  const text = target ?? '/';
  if (!text.startsWith('/'))
    throw new AppError('BAD_USAGE', `the request target must be a path from /, got ${JSON.stringify(text.slice(0, 80))}`);
  try {
    return new URL(`http://viewer${text}`);
  } catch {
    throw new AppError('BAD_USAGE', `the request target is not a URL path: ${JSON.stringify(text.slice(0, 80))}`);
  }
}

/** `decodeURIComponent`, with a malformed escape (`%E0%A4%A`) as the caller's mistake rather than a URIError. */
export function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AppError('BAD_USAGE', `${what} has a malformed %-escape: ${JSON.stringify(text.slice(0, 80))}`);
  }
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Wraps `handle` so that a throw or a rejection becomes an answer (or a closed connection once one was begun). */
export function guardRequests(handle: Handler, onError: (error: unknown) => void = () => undefined): Handler {
  return (request, response) => {
    try {
      const pending = handle(request, response);
      if (pending) pending.catch((error: unknown) => answerFailure(response, error, onError));
    } catch (error) {
      answerFailure(response, error, onError);
    }
  };
}

function answerFailure(response: ServerResponse, error: unknown, onError: (error: unknown) => void): void {
  const status = isAppError(error) ? (error.code === 'BAD_USAGE' ? 400 : error.code === 'NOT_FOUND' ? 404 : 500) : 500;
  if (status === 500) onError(error);
  // Half an answer cannot be taken back: the client sees the connection end rather than a body that lies.
  if (response.headersSent) return void response.destroy();
  const message = status === 500 ? 'the viewer failed on this request (its stderr says why)' : (error as Error).message;
  const body = JSON.stringify({ error: message.split('\n')[0] });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}
