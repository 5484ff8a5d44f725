// A request admitted past its checks and budget: forwarded down its failover chain, its one answer recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAppError } from '../../kernel/index.js';
import type { StreamBudget } from '../budget/proxy-budget.js';
import { estimateLoggedOutput } from '../budget/stream-budget.js';
import { type AttemptRules, type FailoverAttempts, runFailoverAttempts } from '../failover/run-failover-attempts.js';
import { type ForwardOutcome, forwardRequest } from '../forward/forward-request.js';
import type { AimedRequest } from './aim-request.js';
import { errorKindOf } from './classify-path.js';
import { passHeldAnswer } from './pass-held-answer.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { type Exchange, recordExchange, recordReading, resolveWho } from './record-exchange.js';
import { refuse, refuseLogin } from './refuse-request.js';

export type Attempts = Pick<FailoverAttempts<AimedRequest>, 'chain' | 'kind' | 'startedAt' | 'step' | 'aimed' | 'aim'>;

/** Forwards down the failover chain, records the one answer the client gets and settles the budget with its row. */
export async function forwardAdmitted(
  runtime: ProxyRuntime,
  exchange: Exchange,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | null,
  budget: StreamBudget | null,
  attempts: Attempts,
): Promise<void> {
  const { kind } = attempts;
  let row: ReturnType<typeof recordExchange> | null = null;
  // Off by default: then not even the window is looked up (this path's throughput is measured: bench/).
  const transcript =
    runtime.transcripts && kind
      ? runtime.transcripts.open(kind, resolveWho(runtime, exchange.attribution).windowId, exchange.attribution.session, exchange.secrets)
      : null;
  const record = (outcome: ForwardOutcome): void => {
    // A stream that ended before its final usage (cut, hung up, reset) is logged, and charged, what was counted of it.
    exchange.estimatedOutput = budget ? estimateLoggedOutput(budget, outcome.tap ?? null) : null;
    row = recordExchange(runtime, exchange, outcome);
    transcript?.finish(row, body);
  };
  // forwardRequest settles every exchange through onSettled, before the client's last byte: the row is always set.
  const forward = (aimed: AimedRequest, rules: AttemptRules): Promise<ForwardOutcome> =>
    forwardRequest(
      {
        dispatcher: runtime.pools.get(aimed.backend),
        backendName: aimed.backend.name,
        path: aimed.path,
        method: exchange.method,
        headers: aimed.headers,
        body: aimed.body,
        kind,
        now: runtime.now,
        guard: budget?.guard ?? null,
        tee: transcript?.collector ?? null,
        divert: rules.divert,
        dropWhenDown: rules.dropWhenDown,
        onSettled: record,
        whenRecorded: (then) => runtime.queue.whenWritten(then),
      },
      res,
      runtime.shutdown,
    );
  // A held answer reaches the client once its row is written; the budget is settled with that row before then.
  let held: Promise<void> | undefined;
  try {
    await runFailoverAttempts({
      ...attempts,
      forward,
      keepReading: (outcome) => recordReading(runtime, exchange, outcome.upstreamHeaders),
      passHeld: (outcome) => {
        held = passHeldAnswer(runtime, res, outcome, record, kind ?? errorKindOf(exchange.path));
      },
    });
  } catch (error) {
    // The next back end's login could not be sent: the client gets the 401 the proxy answers for it.
    if (!isAppError(error) || row !== null) throw error;
    return refuse(runtime, exchange, req, res, refuseLogin(error, kind ?? errorKindOf(exchange.path)));
  } finally {
    // Settled once, with the row; an exchange that failed before its row frees its reservation all the same.
    if (budget && runtime.budget) {
      if (row !== null) runtime.budget.settle(budget, row);
      else runtime.budget.release(budget);
    }
  }
  return held;
}
