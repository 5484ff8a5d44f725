// What the proxy keeps of one request's budget (its charge, its guard), why one was refused, and the output its log row records.
import type { BudgetEvent, ReserveWait, StreamCharge } from '../../budget/index.js';
import type { StreamGuard } from '../forward/forward-request.js';

export interface BudgetSink {
  /** A budget event row to append to budget_events.jsonl. */
  write(row: object): void;
  /** Told of each event as it happens (the CLI prints them). */
  onEvent?: (event: BudgetEvent) => void;
}

/**
 * Why a request was not let through: its event, and for a budget held (not spent) by others, by what and how long it
 * waited; `unbounded` names the input it named whose size is not known (a block budget that counts input refuses it).
 */
export interface AdmitRefusal {
  event: BudgetEvent;
  held: ReserveWait['held'] | null;
  unbounded: string | null;
  waitedMs: number;
}

export interface StreamBudget {
  charge: StreamCharge;
  guard: StreamGuard | null;
  /** The estimated output when the stream was cut, else null. */
  readonly cutAt: number | null;
  /** The output counted so far (0 when the stream is not watched). */
  counted(): number;
  /** The answer's own id, once its stream named it (a Responses answer's, which a later request may name). */
  answerId(): string | null;
  /** Input the request named instead of sending it (read-worst-case.ts). */
  named: string[];
  /** The output its reservation admitted: its cap (thinking included), or its model's maximum. */
  ownCap: number;
}

/** What the exchange's tap saw of the answer's end, for the output the request log records. */
export interface AnswerSeen {
  complete: boolean;
  usage: { output_tokens: number | null };
}

/**
 * The output the request log records of an answer whose upstream did not report it (the row's estimate, which is also
 * what is charged), or null to keep the upstream's: a cut stream's count, and an unfinished or unreported one's count
 * up to its own cap (an upstream keeps to max_tokens, and characters / 4 counts high: before, ten streams capped at 100,
 * half of them hung up after 19 of 20 events, were logged 1,040 where the upstream counted at most 1,000).
 */
export function estimateLoggedOutput(budget: StreamBudget, seen: AnswerSeen | null): number | null {
  const counted = budget.counted();
  if (counted === 0) return null;
  if (budget.cutAt !== null) return counted;
  if (seen?.complete && seen.usage.output_tokens !== null) return null;
  return Math.min(counted, budget.ownCap);
}
