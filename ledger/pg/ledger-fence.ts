// A condition an append commits under: a statement of another domain's, run in the append's own transaction.
import { AppError } from '../../kernel/index.js';

/**
 * `sql` must touch exactly one row inside the transaction that inserts the rows, or nothing is written. A queue
 * worker's claim is the use (runner/queue/arm-queue.ts): a window completes only while the claim is still its own,
 * and the arm is marked done in the same commit, so a worker whose lease ran out can never add a second window.
 */
export interface LedgerFence {
  sql: string;
  params: unknown[];
  /** The refusal's one line, and where (the claim) it happened. */
  refusal: string;
  where: string;
}

/** The kind of the AppError a fenced append throws when its statement touched no row. */
export const FENCE_REFUSED = 'fence-refused';

let active: LedgerFence | null = null;

/**
 * Runs `write` with each outermost append it makes fenced. Appends are synchronous, so nothing else can append
 * between the set and the reset. Only a PostgreSQL ledger holds a fence: a file ledger refuses the append.
 */
export function withLedgerFence<T>(fence: LedgerFence, write: () => T): T {
  const previous = active;
  active = fence;
  try {
    return write();
  } finally {
    active = previous;
  }
}

/** The fence in force, or null. */
export function readActiveFence(): LedgerFence | null {
  return active;
}

/** Throws the fence's refusal unless its statement touched exactly one row. */
export function checkFence(fence: LedgerFence, touched: number): void {
  if (touched !== 1) throw new AppError('RULE_VIOLATION', fence.refusal, { where: fence.where, kind: FENCE_REFUSED });
}
