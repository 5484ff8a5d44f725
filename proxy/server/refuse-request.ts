// The proxy's own answers to a request it does not forward: a refusal, a login it cannot send, a client gone.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppError } from '../../kernel/index.js';
import { type ForwardOutcome, sendError } from '../forward/forward-request.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { countRefusal, UNAUTHORIZED } from './answer-tracker-route.js';
import { ARM_PATH_REQUIRED } from './arm-paths.js';
import { CHATGPT_WEB_API, type Refusal } from './check-request.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { type Exchange, recordExchange } from './record-exchange.js';

/**
 * Answers by itself (the request never reaches a back end) and counts the refusal. Its telemetry row is
 * written only for a client that passed the token check and, at a run's proxy, came under an arm's base URL: others
 * must not be able to fill the ledger with text of their choosing, so they are only counted (in /_tracker/health).
 */
export function refuse(
  runtime: ProxyRuntime,
  exchange: Exchange,
  req: IncomingMessage,
  res: ServerResponse,
  refusal: Refusal,
): Promise<void> {
  countRefusal(runtime.refusals, refusal.errorType);
  if (refusal.errorType === UNAUTHORIZED) runtime.onUnauthorized('token');
  // Unread body bytes are discarded as they come, never kept; a `connection: close` refusal then ends the socket.
  req.resume();
  const answer = (): void => sendError(res, refusal.kind, refusal.status, refusal.apiType, refusal.message, refusal.headers);
  if (refusal.errorType === UNAUTHORIZED || refusal.errorType === ARM_PATH_REQUIRED || refusal.errorType === CHATGPT_WEB_API)
    return Promise.resolve(answer());
  recordExchange(runtime, exchange, endedBy(runtime, refusal.status, refusal.errorType, false));
  // As for a forwarded answer: the client has it only once its row is written.
  return new Promise((resolve) => runtime.queue.whenWritten(() => resolve(answer())));
}

/** The outcome of an exchange the proxy ended itself, for its row. */
export function endedBy(runtime: ProxyRuntime, status: number, errorType: string, aborted: boolean): ForwardOutcome {
  return { status, upstreamHeaders: null, errorType, aborted, tap: null, endedAt: runtime.now() };
}

/**
 * The back end's ChatGPT login cannot be sent (none, or expired): the proxy answers 401 itself, as the back end would,
 * with the line that names the file and what to do (never the token), rather than forward a request bound to fail.
 */
export function refuseLogin(error: AppError, kind: ApiKind): Refusal {
  return {
    status: 401,
    apiType: 'authentication_error',
    errorType: 'proxy_login_unavailable',
    message: `tracker proxy: ${error.toLine()}`,
    kind,
  };
}
