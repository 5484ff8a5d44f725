// Gives the client an answer held for a verdict in its body that turned out not to be a refusal for the window.
import type { ServerResponse } from 'node:http';
import { buildClientHeaders } from '../forward/filter-headers.js';
import { type ForwardOutcome, sendError } from '../forward/forward-request.js';
import type { ApiKind } from '../tap/usage-tap.js';
import type { ProxyRuntime } from './proxy-runtime.js';

/**
 * The answer goes to the client as the back end sent it, once its row is written (as any answer's last byte waits
 * for it); one whose body broke off or ran past the cap is the proxy's 502, said so on its row.
 */
export function passHeldAnswer(
  runtime: ProxyRuntime,
  res: ServerResponse,
  outcome: ForwardOutcome,
  record: (outcome: ForwardOutcome) => void,
  kind: ApiKind,
): Promise<void> {
  const body = outcome.divertedBody ?? null;
  const status = body === null ? 502 : outcome.status;
  record({ ...outcome, status, errorType: body === null ? 'upstream_unreadable_refusal' : null, diverted: false, endedAt: runtime.now() });
  return new Promise((resolve) =>
    runtime.queue.whenWritten(() => {
      if (!res.destroyed) {
        if (body === null) sendError(res, kind, 502, 'api_error', 'tracker proxy: the back end refused with a body that could not be read');
        else {
          res.writeHead(status, buildClientHeaders(outcome.upstreamHeaders ?? {}));
          res.end(body);
        }
      }
      resolve();
    }),
  );
}
