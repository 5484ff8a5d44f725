// Budgets at the proxy: refuse requests of spent block budgets, cut streams that cross one, charge what was used.
import {
  buildBudgetEventRow,
  readTelemetryContext,
  readTelemetryUsage,
  type BudgetEvent,
  type BudgetTracker,
  type ChargeContext,
  type StreamCharge,
} from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import type { StreamGuard } from '../forward/forward-request.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { createStreamOutputCounter } from './count-stream-output.js';
import { formatBudgetEnd } from './format-budget-end.js';

export interface BudgetSink {
  /** A budget event row to append to budget_events.jsonl. */
  write(row: object): void;
  /** Told of each event as it happens (the CLI prints them). */
  onEvent?: (event: BudgetEvent) => void;
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

  /** A `refused` event (recorded) when a block budget of this request is already spent, else null. */
  refuse(ctx: ChargeContext, estimate: string): BudgetEvent | null {
    const refused = this.tracker.checkBlocked(ctx);
    if (!refused) return null;
    const event = { ...refused, detail: [refused.detail, `refused a request of ${estimate}`].filter(Boolean).join('; ') };
    this.record([event]);
    return event;
  }

  /** Opens the request's charge; for streams of a tapped API, a guard that counts output and cuts at a block budget. */
  open(ctx: ChargeContext, kind: ApiKind | null): StreamBudget {
    const charge = this.tracker.openStream(ctx);
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
        this.record([cut]);
        const message = `tracker proxy: ${cut.budget} budget reached (${cut.used} of ${cut.limit} ${cut.metric}); the answer was cut here`;
        return formatBudgetEnd(kind, { openBlock: counter.openBlock, outputTokens: output, messageId: counter.messageId, message });
      },
    };
    return budget;
  }

  /** Charges what the request used (its telemetry row's counts), once; records the events that causes. */
  settle(budget: StreamBudget, row: TelemetryRow): void {
    const reported = row.prompt_tokens !== null || row.completion_tokens !== null;
    if (!reported && budget.cutAt === null && budget.counted() === 0) return budget.charge.abandon();
    this.record(budget.charge.settle(reported ? readTelemetryUsage(row) : null), row.trace_id);
  }

  private record(events: BudgetEvent[], traceId?: string): void {
    for (const event of events) {
      this.sink.write(buildBudgetEventRow({ agentId: event.context.agent, source: 'proxy' }, event, traceId));
      this.sink.onEvent?.(event);
    }
  }
}
