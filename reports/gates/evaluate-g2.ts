// G2 (seed 001 section 5): backlog pressure, at least two ready task specs blocked only by provider capacity.
import { checkAtLeast, type GateResult } from './gate-result.js';

/** What G2 reads of a task bank entry's metadata. */
export interface TaskStatus {
  task_id: string;
  /** e.g. `ready`, `draft`, `done`. */
  status: string;
  /** What keeps a ready task from running: `capacity`, `tooling`, `docs`, ...; empty or absent when nothing does. */
  blocked_by?: readonly string[] | undefined;
}

export const G2_THRESHOLDS = { min_ready_blocked_by_capacity: 2 } as const;

/** Names a blocker that is the provider's capacity (not tooling or doc debt). */
const CAPACITY_BLOCKERS = new Set(['capacity', 'provider-capacity']);

export interface G2Result extends GateResult {
  id: 'G2';
  /** Tasks counted: status ready and blocked by capacity alone. */
  counted: string[];
  tasks: number;
}

/** A task counts when its status is `ready` and it names at least one blocker, all of them capacity. */
export function isBlockedOnlyByCapacity(task: TaskStatus): boolean {
  const blockers = task.blocked_by ?? [];
  return task.status === 'ready' && blockers.length > 0 && blockers.every((blocker) => CAPACITY_BLOCKERS.has(blocker));
}

/** `tasks` is null when there is no task bank: G2 is then not evaluable. */
export function evaluateG2(tasks: readonly TaskStatus[] | null): G2Result {
  const base = { id: 'G2' as const, title: 'Backlog pressure: ready specs blocked only by capacity' };
  if (tasks === null || tasks.length === 0) {
    return {
      ...base,
      status: 'not-evaluable',
      summary: 'not evaluable: no backlog given (experiment report --tasks DIR)',
      checks: [checkAtLeast('ready tasks blocked only by capacity', null, G2_THRESHOLDS.min_ready_blocked_by_capacity)],
      counted: [],
      tasks: 0,
    };
  }
  const counted = tasks
    .filter(isBlockedOnlyByCapacity)
    .map((task) => task.task_id)
    .sort();
  const check = checkAtLeast('ready tasks blocked only by capacity', counted.length, G2_THRESHOLDS.min_ready_blocked_by_capacity);
  const ready = tasks.filter((task) => task.status === 'ready').length;
  const summary = `${counted.length} of ${tasks.length} tasks are ready and blocked only by capacity (${ready} ready in all); G2 needs ${G2_THRESHOLDS.min_ready_blocked_by_capacity}`;
  return { ...base, status: check.pass ? 'pass' : 'fail', summary, checks: [check], counted, tasks: tasks.length };
}
