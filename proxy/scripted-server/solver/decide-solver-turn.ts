// What the solver does with one request: write solution file r, finish, give up, or say it found no task to solve.
import { findTaskId } from './find-task-id.js';
import { listSolutionFiles, type SolutionFile } from './list-solution-files.js';
import { decideSolves } from './solver-profiles.js';

export type SolverTurn =
  /** Round r < files: one tool call writing files[r]. */
  | { kind: 'write'; taskId: string; round: number; file: SolutionFile; files: SolutionFile[] }
  /** Every file written: the final text. */
  | { kind: 'done'; taskId: string; round: number; files: SolutionFile[] }
  /** The model does not solve this task: a final text at once. */
  | { kind: 'gave_up'; taskId: string; round: number }
  /** No "Task id: <id>" line in the request. */
  | { kind: 'no_task'; round: number }
  /** A task id with no solution folder in the task bank. */
  | { kind: 'unknown_task'; taskId: string; round: number };

export interface TurnInput {
  tasksDir: string;
  rawText: string;
  model: string | null;
  /** Tool-result rounds already in the conversation (RequestFacts.toolRounds). */
  toolRounds: number;
}

export function decideSolverTurn(input: TurnInput): SolverTurn {
  const round = input.toolRounds;
  const taskId = findTaskId(input.rawText);
  if (taskId === null) return { kind: 'no_task', round };
  const files = listSolutionFiles(input.tasksDir, taskId);
  if (files === null) return { kind: 'unknown_task', taskId, round };
  if (!decideSolves(input.model, taskId)) return { kind: 'gave_up', taskId, round };
  const file = files[round];
  return file === undefined ? { kind: 'done', taskId, round, files } : { kind: 'write', taskId, round, file, files };
}
