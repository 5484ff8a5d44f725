// One exchange of forwardRequest as named steps: start, the upstream's response start, data, end and error, and
// settle, which records the outcome before the client's last bytes. It is undici's dispatch handler itself.
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { UsageTap } from '../tap/usage-tap.js';
import { describeUpstreamFailure } from './describe-upstream-failure.js';
import { endAfterFailure, endAtShutdown, formatShortStreamEnd } from './end-client-answer.js';
import type { EventAligner } from './event-aligner.js';
import type { ForwardOutcome, ForwardRequest } from './forward-types.js';
import { buildDivertedOutcome, HeldAnswer } from './held-answer.js';
import { openClientAnswer } from './open-client-answer.js';
import { TurnWriter } from './turn-writer.js';

export class ForwardExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private tap: UsageTap | null = null;
  private upstreamHeaders: ForwardOutcome['upstreamHeaders'] = null;
  private isEventStream = false;
  private aligner: EventAligner | null = null;
  /** Every byte of the answer but the end goes through it, so none overtakes another. */
  private readonly out: TurnWriter;
  private settled = false;
  /** A budget cut aborted the upstream and has yet to settle. */
  private cutting = false;
  private clientGone = false;
  private status = 0;
  /** A diverted answer whose body is read for its verdict (divert's 'read'); null otherwise. */
  private held: HeldAnswer | null = null;
  private readonly onClientClose = (): void => this.closeForClient();
  private readonly onShutdown = (): void => this.shutDown();

  constructor(
    private readonly request: ForwardRequest,
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
    private readonly resolve: (outcome: ForwardOutcome) => void,
  ) {
    this.out = new TurnWriter(res, () => this.pauseUpstream());
  }

  /** Listens for the client and the proxy's shutdown; false when the proxy is already shutting down (answered). */
  start(): boolean {
    // A client that hung up while an earlier back end's answer was being diverted: its row says so, nothing is sent.
    if (this.res.socket === null || this.res.socket.destroyed) {
      this.closeForClient();
      return false;
    }
    this.res.on('close', this.onClientClose);
    if (this.signal.aborted) {
      this.shutDown();
      return false;
    }
    this.signal.addEventListener('abort', this.onShutdown, { once: true });
    return true;
  }

  dispatchOptions(): Dispatcher.DispatchOptions {
    const { path, method, headers, body } = this.request;
    return { path, method: method as Dispatcher.HttpMethod, headers, body };
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new Error('client closed the connection'));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200 || this.settled) return;
    if (this.request.dropWhenDown && statusCode >= 500) return this.dropDown(`http_${statusCode}`, controller);
    const divert = this.request.divert?.(statusCode, headers);
    if (divert === 'read') {
      // Not settled: a client that hangs up or a shutdown while the body is read settles it as for any answer.
      this.held = new HeldAnswer(statusCode, headers);
      return;
    }
    if (divert) return this.divertAnswer(controller, statusCode, headers);
    this.upstreamHeaders = headers;
    this.status = statusCode;
    const opened = openClientAnswer(this.request, this.res, this.out, statusCode, headers);
    this.isEventStream = opened.isEventStream;
    this.aligner = opened.aligner;
    this.tap = opened.tap;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.held) return this.holdChunk(controller, chunk);
    if (this.settled) return;
    const ready = this.aligner ? this.aligner.push(chunk) : chunk;
    // A guarded stream is read before it is passed on, so the chunk that reaches a budget is the last one.
    const guard = this.aligner ? this.request.guard : null;
    if (guard) this.tap?.push(chunk);
    const cut = guard && ready.length > 0 ? guard.check() : null;
    this.out.hold(ready);
    if (!guard) this.tap?.push(chunk);
    this.request.tee?.push(chunk);
    if (cut !== null) {
      // Stop the upstream before anything else: every millisecond until it sees the close is output the subscription
      // pays for, and recording the cut is an fsync'd append (12.5 ms measured here, most of a 15 ms event gap).
      // `cutting` keeps the abort's own error report from being taken for the upstream's failure.
      this.cutting = true;
      controller.abort(new Error('budget exceeded'));
      try {
        cut.record();
      } finally {
        // A refused ledger write must not leave the exchange open: the client gets its end either way.
        this.settle('budget_cut', true, () => this.res.end(cut.end));
      }
    }
  }

  onResponseEnd(): void {
    if (this.held) return this.releaseHeld(this.held.readBody());
    if (this.settled) return;
    const rest = this.aligner?.drain();
    if (rest) this.out.hold(rest);
    this.settle(this.closeShortStream(Boolean(rest)), false, () => this.res.end());
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.held) return this.releaseHeld(null);
    if (this.settled || this.cutting) return;
    const failure = describeUpstreamFailure(error, this.request.backendName);
    // No response start yet: the back end never answered (this.status is set at the start of an answer).
    if (this.request.dropWhenDown && this.status === 0) return this.dropDown(failure.kind, null);
    const answered = this.res.headersSent;
    if (!answered) this.status = failure.status;
    this.settle(failure.kind, answered, endAfterFailure(this.res, this.request.kind, this.isEventStream, failure));
  }

  /**
   * Drops an answer the caller sends elsewhere: before its first byte reached the client, so the client sees only the
   * other back end's. Aborting costs the pooled connection, on a refusal only; its body is a few hundred bytes of error.
   */
  private divertAnswer(
    controller: Dispatcher.DispatchController,
    status: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.settled = true;
    this.stopListening();
    controller.abort(new Error('tracker proxy: answer diverted to the next back end'));
    this.resolve(buildDivertedOutcome(status, headers, this.request.now()));
  }

  /** Drops the answer of a back end that is down, before the client saw a byte of it (dropWhenDown). */
  private dropDown(errorType: string, controller: Dispatcher.DispatchController | null): void {
    this.settled = true;
    this.stopListening();
    controller?.abort(new Error('tracker proxy: the back end is down; an earlier answer goes to the client'));
    this.resolve({ status: 0, upstreamHeaders: null, errorType, aborted: false, tap: null, endedAt: this.request.now(), down: true });
  }

  /** A held answer's body, kept up to its cap: past it the upstream is stopped and no verdict can be read. */
  private holdChunk(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.held?.add(chunk)) return;
    controller.abort(new Error('tracker proxy: a diverted answer over its cap'));
    this.releaseHeld(null);
  }

  /** Resolves a held answer as diverted, with its body for the caller's verdict (the client has seen nothing of it). */
  private releaseHeld(body: Buffer | null): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    this.settled = true;
    this.stopListening();
    this.resolve(buildDivertedOutcome(held.status, held.headers, this.request.now(), body));
  }

  /** Stops listening for the client's close and the proxy's shutdown: the exchange is settled. */
  private stopListening(): void {
    this.res.off('close', this.onClientClose);
    this.signal.removeEventListener('abort', this.onShutdown);
  }

  /** A stream that stops short of its terminal event gets one well-formed error (formatShortStreamEnd). */
  private closeShortStream(wroteRest: boolean): string | null {
    if (!this.isEventStream || !this.tap || this.status >= 400) return null;
    const peek = this.tap.finish();
    this.tap = { push: () => {}, finish: () => peek };
    if (peek.complete || peek.streamError) return null;
    this.out.hold(formatShortStreamEnd(this.request.kind, this.request.backendName, wroteRest));
    return 'upstream_incomplete_stream';
  }

  private closeForClient(): void {
    if (this.res.writableFinished) return;
    this.clientGone = true;
    // Settle first: aborting makes undici report an error, which must not be taken for the upstream's.
    this.settle('client_disconnected', true, null);
    this.controller?.abort(new Error('client closed the connection'));
  }

  private shutDown(): void {
    const answered = this.res.headersSent;
    if (!answered) this.status = 503;
    // Settle first, as above: the abort's error report must not be taken for the upstream's.
    this.settle('proxy_shutdown', true, endAtShutdown(this.res, this.request.kind));
    this.controller?.abort(new Error('proxy shutting down'));
  }

  /** The client reads slower than the upstream sends: undici stops reading until the client has drained the response. */
  private pauseUpstream(): void {
    const controller = this.controller;
    if (!controller) return;
    controller.pause();
    this.res.once('drain', () => controller.resume());
  }

  /** Records the outcome; `finish` (what the client still gets: the end, an error, a cut) runs once the row is written. */
  private settle(errorType: string | null, aborted: boolean, finish: (() => void) | null): void {
    if (this.settled) return;
    this.settled = true;
    // A held answer dropped for the client or the shutdown: the abort's error report must not release it.
    this.held = null;
    this.out.release();
    this.stopListening();
    const tapped = this.tap?.finish() ?? null;
    const outcome: ForwardOutcome = {
      status: this.clientGone && this.status === 0 ? 0 : this.status,
      upstreamHeaders: this.upstreamHeaders,
      errorType: errorType ?? tapped?.streamError?.type ?? null,
      aborted,
      tap: tapped,
      endedAt: this.request.now(),
    };
    this.request.onSettled(outcome);
    // Bytes written in this turn stay corked with the last ones (res.end uncorks): none leaves before the row.
    if (finish) this.res.cork();
    this.request.whenRecorded(() => {
      finish?.();
      this.resolve(outcome);
    });
  }
}
