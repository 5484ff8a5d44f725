// Budgets at the proxy: refuse requests of spent block budgets, cut streams that cross one, charge what was used.
import {
  buildBudgetEventRow,
  readTelemetryContext,
  readTelemetryUsage,
  type BudgetEvent,
  type BudgetTracker,
  type ChargeContext,
  type StreamCharge,
  type UsageDelta,
} from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { createStreamOutputCounter } from './count-stream-output.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { RequestWorstCase } from './read-worst-case.js';
import { ReferenceSizes } from './reference-sizes.js';
import type { AdmitRefusal, BudgetSink, StreamBudget } from './stream-budget.js';

export type { AdmitRefusal, BudgetSink, StreamBudget } from './stream-budget.js';

export class ProxyBudget {
  /** What input named by reference weighs, learned from the upstream's figures (reference-sizes.ts). */
  readonly references = new ReferenceSizes();

  constructor(
    readonly tracker: BudgetTracker,
    private readonly sink: BudgetSink,
  ) {}

  /** The charge context of a request, built exactly as a restart rebuilds it from the telemetry row. */
  contextOf(fields: {
    agent_id: string;
    command: string | null;
    backend_provider: string;
    window_id: string | null;
    feature_id: string | null;
    model: string | null;
  }): ChargeContext {
    return readTelemetryContext({ ...fields, prompt_tokens: null, completion_tokens: null });
  }

  /**
   * The request's charge with its worst case reserved (StreamCharge.reserve), or its refusal (the `refused` event,
   * recorded) when a block budget is spent, or when the reservation found no room within `maxWaitMs` while other
   * requests held it. Requests that must wait are woken, oldest first, each time another request settles. A request
   * without an output cap (`worst.output` Infinity), or with one above its model's maximum, reserves that maximum
   * (BudgetTracker.maxOutputOf): before, it reserved the whole budget and held up every other request. Input it names
   * instead of sending is reserved at the size its upstream reported for it (ReferenceSizes); one not known yet cannot
   * be bounded, and a block budget that counts input refuses it at once (before, a file id reserved its body's ~64
   * tokens: 50 requests naming a 550-token document used 3,378 under 1,000).
   */
  async admit(
    ctx: ChargeContext,
    kind: ApiKind | null,
    request: RequestWorstCase,
    estimate: string,
    maxWaitMs: number,
  ): Promise<StreamBudget | AdmitRefusal> {
    const started = Date.now();
    const deadline = started + maxWaitMs;
    const { known, unknown } = this.references.measure(ctx.provider, request.named);
    const { worst } = request;
    const bounded: UsageDelta = {
      input: worst.input + known.input,
      output: Math.min(worst.output, this.tracker.maxOutputOf(ctx.model)),
      cache_read: worst.cache_read + known.cache_read,
      cache_creation: worst.cache_creation + known.cache_creation,
    };
    for (;;) {
      const charge = this.tracker.openStream(ctx);
      if (!charge.canBeCut) return this.open(ctx, kind, charge, request.named, bounded.output);
      const held = charge.reserve(bounded, unknown);
      if (held.status === 'held') return this.open(ctx, kind, charge, request.named, bounded.output);
      charge.abandon();
      if (held.status !== 'wait' || Date.now() >= deadline) {
        const event = { ...held.event, detail: [held.event.detail, `refused a request of ${estimate}`].filter(Boolean).join('; ') };
        this.record([event]);
        return {
          event,
          held: held.status === 'wait' ? held.held : null,
          unbounded: held.status === 'unbounded' ? unknown : null,
          waitedMs: Date.now() - started,
        };
      }
      await this.nextRelease(deadline);
    }
  }

  /** Opens the request's charge; for streams of a tapped API, a guard that counts output and cuts at a block budget. */
  open(ctx: ChargeContext, kind: ApiKind | null, opened?: StreamCharge, named: string[] = [], ownCap = Infinity): StreamBudget {
    const charge = opened ?? this.tracker.openStream(ctx);
    const budget: StreamBudget & { cutAt: number | null } = {
      charge,
      guard: null,
      cutAt: null,
      counted: () => 0,
      answerId: () => null,
      named,
      ownCap,
    };
    // Only a block budget can cut a stream: warn-only or unrelated budgets are charged once, at the end.
    if (!kind || !charge.canBeCut) return budget;
    const counter = createStreamOutputCounter(kind);
    budget.counted = () => counter.estimatedTokens;
    if (findProxyProtocol(kind).answersNamedLater) budget.answerId = () => counter.messageId;
    // Far from the limit the charge is updated every so often; as the headroom shrinks, on every event.
    let nextCheck = 0;
    budget.guard = {
      onEvent: (event) => counter.observe(event),
      check: () => {
        const output = counter.estimatedTokens;
        // A chunk that already holds the stream's own end needs no second one.
        if (output < nextCheck || counter.ended) return null;
        const cut = charge.provisional({ ...counter.inputSoFar, output });
        nextCheck = output + Math.max(1, Math.min(64, Math.floor(charge.headroom() / 2)));
        if (!cut) return null;
        budget.cutAt = output;
        const message = `tracker proxy: ${cut.budget} budget reached (${cut.used} of ${cut.limit} ${cut.metric}); the answer was cut here`;
        const end = findProxyProtocol(kind).formatBudgetEnd({
          openBlock: counter.openBlock,
          outputTokens: output,
          messageId: counter.messageId,
          message,
        });
        return { end, record: () => this.record([cut]) };
      },
    };
    return budget;
  }

  /**
   * Charges what the request used, exactly as its telemetry row records it (what `tracker usage` adds up), once;
   * records the events that causes. The row's prompt teaches what the input it named weighs.
   */
  settle(budget: StreamBudget, row: TelemetryRow): void {
    const reported = row.prompt_tokens !== null || row.completion_tokens !== null;
    if (!reported && budget.cutAt === null && budget.counted() === 0) budget.charge.abandon();
    else this.record(budget.charge.settle(reported ? readTelemetryUsage(row) : null), row.trace_id);
    if (row.prompt_tokens !== null) {
      const used = readTelemetryUsage(row);
      this.references.learn(row.backend_provider, budget.named, used);
      const id = budget.answerId();
      // A later request naming this answer as its previous response sends its prompt and its output again.
      if (id !== null) this.references.learn(row.backend_provider, [id], { ...used, input: used.input + used.output, output: 0 });
    }
    this.wake();
  }

  /** Drops a charge that was never settled (the exchange failed before its row): its reservation is freed. */
  release(budget: StreamBudget): void {
    budget.charge.abandon();
    this.wake();
  }

  private readonly waiters: Array<() => void> = [];

  /** Resolves when some request settles, or at the deadline. */
  private nextRelease(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private record(events: BudgetEvent[], traceId?: string): void {
    for (const event of events) {
      this.sink.write(buildBudgetEventRow({ agentId: event.context.agent, source: 'proxy' }, event, traceId));
      this.sink.onEvent?.(event);
    }
  }
}
