// A plan's state from what this machine can see: its run lock, its run record, its arms, and the shared ledger's clock.
// On a PostgreSQL team ledger the lock and the record are a file on the runner's machine: a teammate's live run
// has neither here, and was shown as `interrupted` (as a review on a team ledger found).

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
  /** The newest finished arm's time, or null. */
  lastFinishedAt: string | null;
  nowMs: number;
}

/** The plan's newest arm finished within ELSEWHERE_MS of `nowMs`. */
function isRecent(lastFinishedAt: string | null, nowMs: number): boolean {
  return lastFinishedAt !== null && nowMs - Date.parse(lastFinishedAt) <= ELSEWHERE_MS;
}

export function decidePlanState(facts: PlanStateFacts): PlanState {
  if (facts.lockedHere) return 'running';
  if (facts.done === facts.arms) return 'complete';
  if (facts.ended) return facts.ended;
  if (facts.done + facts.open === 0) return 'not-started';
  return facts.shared && isRecent(facts.lastFinishedAt, facts.nowMs) ? 'elsewhere' : 'interrupted';
}

/**
 * A state read earlier, as of `nowMs`: `elsewhere` turns `interrupted` once the last arm is ELSEWHERE_MS old. The
 * viewer reads the ledger again only when it changes, and a run that died writes nothing more.
 */
export function ageOutPlanState(state: PlanState, lastFinishedAt: string | null, nowMs: number): PlanState {
  return state !== 'elsewhere' || isRecent(lastFinishedAt, nowMs) ? state : 'interrupted';
}

/** A stop rule's row (assignments.jsonl), as a teammate's machine sees it: the run record is on the runner's. */
export interface RecordedStop {
  ts: string;
  reason: string;
}

/**
 * How the plan's last run ended, when it did: this machine's run record (stopped or failed), else on a shared ledger
 * the latest stop rule row, when no arm finished after it (a later arm means a run went on past that stop).
 */
export function decideEnded(facts: {
  record: { state: string; stopped_by: string | null } | null;
  stop: RecordedStop | null;
  shared: boolean;
  armsLeft: boolean;
  lastFinished: string | null;
}): { ended: 'stopped' | 'failed' | null; stoppedBy: string | null } {
  const { record, stop } = facts;
  if (!facts.armsLeft) return { ended: null, stoppedBy: null };
  if (record && (record.state === 'stopped' || record.state === 'failed')) return { ended: record.state, stoppedBy: record.stopped_by };
  if (facts.shared && stop && (facts.lastFinished === null || stop.ts >= facts.lastFinished))
    return { ended: 'stopped', stoppedBy: stop.reason };
  return { ended: null, stoppedBy: null };
}
