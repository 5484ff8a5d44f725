// A connection Node's HTTP parser gave up on (late headers, malformed or oversized header block): answered in the API's envelope and counted.
import type { Duplex } from 'node:stream';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ProxyErrorType } from '../protocols/proxy-protocol.js';
import { countRefusal, type RefusalCounts } from './answer-tracker-route.js';

interface ClientErrorAnswer {
  status: number;
  reason: string;
  apiType: ProxyErrorType;
  errorType: string;
  message: string;
}

/**
 * Node's own answer to these is a bare status line with no body (and nothing counted). With a 'clientError' listener,
 * Node leaves the socket to it: https://nodejs.org/api/http.html#event-clienterror. As Node does, an answer is
 * written only when no answer has started on the socket; the socket is closed either way. No path is known yet,
 * so the body is in Anthropic's envelope (the Responses API's clients read `error.message` from it too).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex, refusals: RefusalCounts): void {
  const answer = describeClientError(error.code);
  // Node's own rule (lib/_http_server.js, socketOnError): answer only when no response in flight has sent its head.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (answer === null || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  countRefusal(refusals, answer.errorType);
  const body = findProxyProtocol(null).formatErrorBody(answer.apiType, answer.message);
  const head = [
    `HTTP/1.1 ${answer.status} ${answer.reason}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    `x-tracker-proxy-error: ${answer.apiType}`,
    'connection: close',
  ].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
}

/** Null for a connection reset by the client: nobody to answer, nothing to count. */
export function describeClientError(code: string | undefined): ClientErrorAnswer | null {
  if (code === 'ECONNRESET') return null;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return {
      status: 408,
      reason: 'Request Timeout',
      apiType: 'timeout_error',
      errorType: 'proxy_header_timeout',
      message: 'tracker proxy: the request headers did not arrive in time (TRACKER_PROXY_HEADERS_TIMEOUT_MS)',
    };
  if (code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      apiType: 'invalid_request_error',
      errorType: 'proxy_header_too_large',
      message: 'tracker proxy: the request header block is too large',
    };
  return {
    status: 400,
    reason: 'Bad Request',
    apiType: 'invalid_request_error',
    errorType: 'proxy_bad_request',
    message: `tracker proxy: malformed HTTP request (${code ?? 'unknown parse error'})`,
  };
}
