// Finds the task a coding agent was sent to solve: the first "Task id: <id>" line in the request body.
import { isTaskId } from '../../ledger/index.js';

const TASK_ID_LINE = /Task id: ([a-z0-9-]+)/;

/** The id after the first "Task id: " in the body text, when it is a valid task id; else null. */
export function findTaskId(rawText: string): string | null {
  const id = TASK_ID_LINE.exec(rawText)?.[1];
  return id !== undefined && isTaskId(id) ? id : null;
}
