// Streams one request to its back end and the answer back: chunks as they come, backpressure, aborts, errors.
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { createUsageTap, isEventStream as isEventStreamType } from '../tap/create-usage-tap.js';
import type { SseEvent } from '../tap/sse-reader.js';
import type { ApiKind, TapResult, UsageTap } from '../tap/usage-tap.js';
import { formatErrorBody, formatErrorEvent } from './api-errors.js';
import { buildClientHeaders } from './filter-headers.js';
import { describeUpstreamFailure } from './describe-upstream-failure.js';
import { EventAligner } from './event-aligner.js';

export interface ForwardRequest {
  dispatcher: Dispatcher;
  backendName: string;
  path: string;
  method: string;
  headers: Record<string, string | string[]>;
  body: Buffer | null;
  /** Which API's usage and error shapes to expect; null for a plain pass-through. */
  kind: ApiKind | null;
  now: () => number;
  /** Sees each whole-event chunk of a stream before the client does; the text it returns ends the stream. */
  guard?: StreamGuard | null;
  /** Called with the outcome once the exchange is over (it queues the exchange's row). */
  onSettled: (outcome: ForwardOutcome) => void;
  /**
   * Runs `then` once the row onSettled queued is in the ledger file. The response's last bytes wait for it,
   * so the row is there by the time the client has its answer: a proxy killed right after loses nothing.
   */
  whenRecorded: (then: () => void) => void;
}

export interface StreamGuard {
  /** Shown each SSE event as the usage tap reads it. */
  onEvent(event: SseEvent): void;
  /** After a chunk was read: null to go on, or the closing events to send after it, after which the upstream is aborted. */
  check(): string | null;
}

export interface ForwardOutcome {
  /** What the client got: the upstream's status, the proxy's error status, or 0 if it hung up first. */
  status: number;
  upstreamHeaders: Record<string, string | string[] | undefined> | null;
  /** An API error type (from the upstream's body or stream), or a transport failure kind. */
  errorType: string | null;
  /** The client hung up before the end, or the proxy had to cut the stream. */
  aborted: boolean;
  tap: TapResult | null;
  endedAt: number;
}

/** Resolves when the exchange is over for both sides; never rejects. */
export function forwardRequest(request: ForwardRequest, res: ServerResponse, signal: AbortSignal): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | null = null;
    let tap: UsageTap | null = null;
    let upstreamHeaders: ForwardOutcome['upstreamHeaders'] = null;
    let isEventStream = false;
    let aligner: EventAligner | null = null;
    let corked = false;
    const uncork = (): void => {
      corked = false;
      res.uncork();
    };
    // What is written in one turn of the event loop (headers, chunks, the end) leaves in one writev, not one syscall each.
    const corkUntilNextTick = (): void => {
      if (corked) return;
      corked = true;
      res.cork();
      process.nextTick(uncork);
    };
    let settled = false;
    let clientGone = false;
    let status = 0;

    /** Records the outcome; `finish` (what the client still gets: the end, an error, a cut) runs once the row is written. */
    const settle = (errorType: string | null, aborted: boolean, finish: (() => void) | null): void => {
      if (settled) return;
      settled = true;
      res.off('close', onClientClose);
      signal.removeEventListener('abort', onShutdown);
      const tapped = tap?.finish() ?? null;
      const outcome = {
        status: clientGone && status === 0 ? 0 : status,
        upstreamHeaders,
        errorType: errorType ?? tapped?.streamError?.type ?? null,
        aborted,
        tap: tapped,
        endedAt: request.now(),
      };
      request.onSettled(outcome);
      // Bytes written in this turn stay corked with the last ones (res.end uncorks): none leaves before the row.
      if (finish) res.cork();
      request.whenRecorded(() => {
        finish?.();
        resolve(outcome);
      });
    };
    const onClientClose = (): void => {
      if (res.writableFinished) return;
      clientGone = true;
      // Settle first: aborting makes undici report an error, which must not be taken for the upstream's.
      settle('client_disconnected', true, null);
      controller?.abort(new Error('client closed the connection'));
    };
    const onShutdown = (): void => {
      const answered = res.headersSent;
      if (!answered) status = 503;
      // Settle first, as above: the abort's error report must not be taken for the upstream's.
      settle('proxy_shutdown', true, () =>
        answered ? res.destroy() : sendError(res, request.kind, 503, 'overloaded_error', 'tracker proxy: shutting down'),
      );
      controller?.abort(new Error('proxy shutting down'));
    };
    res.on('close', onClientClose);
    if (signal.aborted) return onShutdown();
    signal.addEventListener('abort', onShutdown, { once: true });

    request.dispatcher.dispatch(
      { path: request.path, method: request.method as Dispatcher.HttpMethod, headers: request.headers, body: request.body },
      {
        onRequestStart(ctl) {
          controller = ctl;
          if (settled) ctl.abort(new Error('client closed the connection'));
        },
        onResponseStart(_ctl, statusCode, headers) {
          if (statusCode < 200 || settled) return;
          upstreamHeaders = headers;
          status = statusCode;
          const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
          // Media types are case-insensitive (RFC 9110 section 8.3.1): `Text/Event-Stream` is a stream too.
          isEventStream = isEventStreamType(contentType);
          if (isEventStream) aligner = new EventAligner();
          if (request.kind)
            tap = createUsageTap(request.kind, contentType, {
              now: request.now,
              ...(request.guard && isEventStream ? { onEvent: request.guard.onEvent } : {}),
            });
          const clientHeaders = buildClientHeaders(headers);
          // The proxy may end a stream with an error event of its own: let Node frame it (chunked) instead.
          if (isEventStream) delete clientHeaders['content-length'];
          // A stream's headers go out at the end of this turn even if no event follows yet (a client waits
          // for them), and with the first events when those came in the same read: one write instead of two
          // (in two A/B runs at 64 clients, dropping that second write took the proxy from ~45% to ~70% of direct).
          corkUntilNextTick();
          res.writeHead(statusCode, clientHeaders);
          if (isEventStream) res.flushHeaders();
        },
        onResponseData(ctl, chunk) {
          if (settled) return;
          const ready = aligner ? aligner.push(chunk) : chunk;
          // A guarded stream is read before it is passed on, so the chunk that reaches a budget is the last one.
          const guard = aligner ? request.guard : null;
          if (guard) tap?.push(chunk);
          const end = guard && ready.length > 0 ? guard.check() : null;
          corkUntilNextTick();
          if (ready.length > 0 && !res.write(ready)) {
            ctl.pause();
            res.once('drain', () => ctl.resume());
          }
          if (!guard) tap?.push(chunk);
          if (end !== null) {
            // Settle before aborting (as on hang-up): the abort's error report is not the upstream's failure.
            settle('budget_cut', true, () => res.end(end));
            ctl.abort(new Error('budget exceeded'));
          }
        },
        onResponseEnd() {
          if (settled) return;
          const rest = aligner?.drain();
          if (rest) res.write(rest);
          let errorType: string | null = null;
          // A stream that stops short of its terminal event gets one well-formed error, not a silent cut.
          if (isEventStream && tap && status < 400) {
            const peek = tap.finish();
            tap = { push: () => {}, finish: () => peek };
            if (!peek.complete && !peek.streamError) {
              if (rest) res.write('\n\n');
              res.write(
                formatErrorEvent(request.kind, 'api_error', `tracker proxy: back end ${request.backendName} ended the stream early`),
              );
              errorType = 'upstream_incomplete_stream';
            }
          }
          settle(errorType, false, () => res.end());
        },
        onResponseError(_ctl, error) {
          if (settled) return;
          const failure = describeUpstreamFailure(error, request.backendName);
          if (!res.headersSent) {
            status = failure.status;
            settle(failure.kind, false, () => sendError(res, request.kind, failure.status, failure.apiType, failure.message));
            return;
          }
          settle(failure.kind, true, () =>
            isEventStream ? res.end(formatErrorEvent(request.kind, failure.apiType, failure.message)) : res.destroy(),
          );
        },
      },
    );
  });
}

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
