// What the solver does with one request: read or write the next solution file, finish, give up, or say it found no task.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findTaskId } from './find-task-id.js';
import { listSolutionFiles, type SolutionFile } from './list-solution-files.js';
import { decideSolves } from './solver-profiles.js';

export type SolverTurn =
  /** One tool call writing `file`. */
  | { kind: 'write'; taskId: string; round: number; file: SolutionFile; files: SolutionFile[] }
  /** One tool call reading `file` first (Claude Code's Write refuses to overwrite a file it has not read). */
  | { kind: 'read'; taskId: string; round: number; file: SolutionFile; files: SolutionFile[] }
  /** Every file written: the final text. */
  | { kind: 'done'; taskId: string; round: number; files: SolutionFile[] }
  /** The model does not solve this task: a final text at once. */
  | { kind: 'gave_up'; taskId: string; round: number }
  /** First, hand a survey to a haiku-tier sub-agent through Claude Code's `Agent` tool (delegating servers only). */
  | { kind: 'delegate'; taskId: string; round: number }
  /** No "Task id: <id>" line in the request. */
  | { kind: 'no_task'; round: number }
  /** A task id with no solution folder in the task bank. */
  | { kind: 'unknown_task'; taskId: string; round: number };

export interface TurnInput {
  /** The task banks, searched in order for DIR/<id>/solution (a run may take its tasks from several). */
  tasksDirs: readonly string[];
  rawText: string;
  model: string | null;
  /** Tool-result rounds already in the conversation (RequestFacts.toolRounds). */
  toolRounds: number;
  /** Messages clients (Claude Code) read a fixture file before overwriting it; Responses clients write with a shell command. */
  readsBeforeWrite?: boolean;
  /** Start with a `delegate` turn (the server delegates and the request offers the Agent tool to a main-tier model). */
  delegate?: boolean;
}

export function decideSolverTurn(input: TurnInput): SolverTurn {
  const round = input.toolRounds;
  const taskId = findTaskId(input.rawText);
  if (taskId === null) return { kind: 'no_task', round };
  const found = input.tasksDirs.map((dir) => ({ dir, files: listSolutionFiles(dir, taskId) })).find((bank) => bank.files !== null);
  if (found?.files == null) return { kind: 'unknown_task', taskId, round };
  const files = found.files;
  // A delegating conversation spends its first round on the sub-agent; the task's own actions follow one round later.
  const offset = input.delegate ? 1 : 0;
  if (input.delegate && round === 0) return { kind: 'delegate', taskId, round };
  if (!decideSolves(input.model, taskId)) return { kind: 'gave_up', taskId, round };
  const fixture = join(found.dir, taskId, 'fixture');
  const actions = files.flatMap((file) =>
    (input.readsBeforeWrite && existsSync(join(fixture, file.rel)) ? (['read', 'write'] as const) : (['write'] as const)).map((kind) => ({
      kind,
      file,
    })),
  );
  const action = actions[round - offset];
  return action === undefined ? { kind: 'done', taskId, round, files } : { kind: action.kind, taskId, round, file: action.file, files };
}
