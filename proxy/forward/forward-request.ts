// Streams one request to its back end and the answer back: chunks as they come, backpressure, aborts, errors.
import type { ServerResponse } from 'node:http';
import { ForwardExchange } from './forward-exchange.js';
import type { ForwardOutcome, ForwardRequest } from './forward-types.js';

export type { ForwardOutcome, ForwardRequest, StreamGuard } from './forward-types.js';
export { sendError } from './send-error.js';

/** Resolves when the exchange is over for both sides; never rejects. */
export function forwardRequest(request: ForwardRequest, res: ServerResponse, signal: AbortSignal): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    const exchange = new ForwardExchange(request, res, signal, resolve);
    if (exchange.start()) request.dispatcher.dispatch(exchange.dispatchOptions(), exchange);
  });
}
