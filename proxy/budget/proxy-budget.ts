// Budgets at the proxy: refuse requests of spent block budgets, cut streams that cross one, charge what was used.
import {
  buildBudgetEventRow,
  readTelemetryContext,
  readTelemetryUsage,
  type BudgetEvent,
  type BudgetTracker,
  type ChargeContext,
  type ReserveWait,
  type StreamCharge,
  type UsageDelta,
} from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import type { StreamGuard } from '../forward/forward-request.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { createStreamOutputCounter } from './count-stream-output.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';

export interface BudgetSink {
  /** A budget event row to append to budget_events.jsonl. */
  write(row: object): void;
  /** Told of each event as it happens (the CLI prints them). */
  onEvent?: (event: BudgetEvent) => void;
}

/** Why a request was not let through: its event, and for a budget held (not spent) by others, by what and how long it waited. */
export interface AdmitRefusal {
  event: BudgetEvent;
  held: ReserveWait['held'] | null;
  waitedMs: number;
}

export interface StreamBudget {
  charge: StreamCharge;
  guard: StreamGuard | null;
  /** The estimated output when the stream was cut, else null. */
  readonly cutAt: number | null;
  /** The output counted so far (0 when the stream is not watched). */
  counted(): number;
}

export class ProxyBudget {
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
   * (BudgetTracker.maxOutputOf): before, it reserved the whole budget and held up every other request.
   */
  async admit(
    ctx: ChargeContext,
    kind: ApiKind | null,
    worst: UsageDelta,
    estimate: string,
    maxWaitMs: number,
  ): Promise<StreamBudget | AdmitRefusal> {
    const started = Date.now();
    const deadline = started + maxWaitMs;
    const bounded = { ...worst, output: Math.min(worst.output, this.tracker.maxOutputOf(ctx.model)) };
    for (;;) {
      const charge = this.tracker.openStream(ctx);
      if (!charge.canBeCut) return this.open(ctx, kind, charge);
      const held = charge.reserve(bounded);
      if (held.status === 'held') return this.open(ctx, kind, charge);
      charge.abandon();
      if (held.status === 'spent' || Date.now() >= deadline) {
        const event = { ...held.event, detail: [held.event.detail, `refused a request of ${estimate}`].filter(Boolean).join('; ') };
        this.record([event]);
        return { event, held: held.status === 'wait' ? held.held : null, waitedMs: Date.now() - started };
      }
      await this.nextRelease(deadline);
    }
  }

  /** Opens the request's charge; for streams of a tapped API, a guard that counts output and cuts at a block budget. */
  open(ctx: ChargeContext, kind: ApiKind | null, opened?: StreamCharge): StreamBudget {
    const charge = opened ?? this.tracker.openStream(ctx);
    const budget: StreamBudget & { cutAt: number | null } = { charge, guard: null, cutAt: null, counted: () => 0 };
    // Only a block budget can cut a stream: warn-only or unrelated budgets are charged once, at the end.
    if (!kind || !charge.canBeCut) return budget;
    const counter = createStreamOutputCounter(kind);
    budget.counted = () => counter.estimatedTokens;
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

  /** Charges what the request used (its telemetry row's counts), once; records the events that causes. */
  settle(budget: StreamBudget, row: TelemetryRow): void {
    const reported = row.prompt_tokens !== null || row.completion_tokens !== null;
    if (!reported && budget.cutAt === null && budget.counted() === 0) budget.charge.abandon();
    else this.record(budget.charge.settle(reported ? readTelemetryUsage(row) : null), row.trace_id);
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
