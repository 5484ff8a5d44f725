// A plan's state from what this machine can see: its run lock, its run record, its arms, and the shared ledger's clock.
// On a PostgreSQL team ledger the lock and the record are a file on the runner's machine: a teammate's live run
// has neither here, and was shown as `interrupted` (issue 33's review on a team ledger).

export type PlanState = 'running' | 'elsewhere' | 'stopped' | 'failed' | 'interrupted' | 'complete' | 'not-started';

/** An arm finished this recently on a shared ledger, with no runner here: taken for a run on another machine. */
export const ELSEWHERE_MS = 30 * 60_000;

export interface PlanStateFacts {
  /** A live runner on this machine holds the plan. */
  lockedHere: boolean;
  arms: number;
  done: number;
  open: number;
  /** How the last run on this machine ended, when its record says stopped or failed. */
  ended: 'stopped' | 'failed' | null;
  /** The ledger is shared (PostgreSQL): other machines write into it. */
  shared: boolean;
  /** The newest finished arm's time (ms), or null. */
  lastFinishedMs: number | null;
  nowMs: number;
}

export function decidePlanState(facts: PlanStateFacts): PlanState {
  if (facts.lockedHere) return 'running';
  if (facts.done === facts.arms) return 'complete';
  if (facts.ended) return facts.ended;
  if (facts.done + facts.open === 0) return 'not-started';
  const recent = facts.lastFinishedMs !== null && facts.nowMs - facts.lastFinishedMs <= ELSEWHERE_MS;
  return facts.shared && recent ? 'elsewhere' : 'interrupted';
}
