// Sends one request down its failover chain: a back end that refuses for its window or is down hands it on.
import type { ForwardOutcome } from '../forward/forward-request.js';
import type { ApiKind } from '../tap/usage-tap.js';
import type { FailoverChain } from './failover-chain.js';
import { watchRefusal } from './watch-refusal.js';

/** What one attempt asks of forwardRequest beyond the aimed request itself. */
export interface AttemptRules {
  divert: ((status: number, headers: Record<string, string | string[] | undefined>) => boolean | 'read') | null;
  dropWhenDown: boolean;
}

/** The request's own steps, which the loop calls in its order (they live with the server, which owns the exchange). */
export interface FailoverAttempts<Aimed> {
  chain: FailoverChain | null;
  kind: ApiKind | null;
  startedAt: Date;
  /** The member the request was first aimed at (`pickFirstStep`), and that aim. */
  step: number;
  aimed: Aimed;
  /** Aims the request at the chain's member `step`; throws an AppError when that back end's login cannot be sent. */
  aim: (step: number) => Aimed;
  forward: (aimed: Aimed, rules: AttemptRules) => Promise<ForwardOutcome>;
  /** Keeps the bars of a back end that refused for its window before the client saw a byte. */
  keepReading: (outcome: ForwardOutcome) => void;
  /**
   * Gives the client an answer held for its body's verdict that turned out not to be a refusal for the window; it
   * records the row now and sends the answer once that row is written, which the loop does not wait for.
   */
  passHeld: (outcome: ForwardOutcome) => void;
}

/** The member a request starts at: the chain's first one not set aside, or the only back end. */
export function pickFirstStep(chain: FailoverChain | null): number {
  return chain ? chain.pick() : 0;
}

/** Forwards until an answer reaches the client; every member before the chosen one is spent (FailoverChain.pick). */
export async function runFailoverAttempts<Aimed>(attempts: FailoverAttempts<Aimed>): Promise<void> {
  const { chain, kind, startedAt } = attempts;
  let { step, aimed } = attempts;
  // Set once the back end work moved to was down and the request went back to the one it moved from: it goes no further.
  let fellBack = false;
  for (;;) {
    const refusal = !fellBack && chain?.hasNextAfter(step) ? watchRefusal(startedAt, kind, chain.clock) : null;
    const outcome = await attempts.forward(aimed, {
      divert: refusal?.divert ?? null,
      dropWhenDown: chain !== null && step > 0 && !fellBack,
    });
    if (outcome.down && chain) {
      // The back end work moved to is down (unreachable, a 5xx): the client gets the answer of the one it moved from,
      // as its vendor sends it (its refusal, "limit reached, resets at ..."), not a 502 of the proxy's for a back end
      // the client never chose. Every member before `step` is spent (pick), so `step - 1` is the one it moved from.
      fellBack = true;
      step -= 1;
      aimed = attempts.aim(step);
      continue;
    }
    if (!outcome.diverted || !chain || !refusal) return;
    // An answer held for the verdict its body holds (Google's 429s): any other reaches the client as it came.
    if (outcome.divertedBody !== undefined && (outcome.divertedBody === null || !refusal.readBody(outcome.status, outcome.divertedBody)))
      return attempts.passHeld(outcome);
    if (!refusal.window) return;
    // The back end refused for its window before the client saw a byte: its bars are kept, the request goes on.
    attempts.keepReading(outcome);
    chain.setAside(step, refusal.window);
    step = chain.pick();
    aimed = attempts.aim(step);
  }
}
