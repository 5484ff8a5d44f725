// `experiment tasks`: the task bank's own commands (list, verify); each subcommand lives in a file of its own.
import { Command } from 'commander';
import { createTasksImportCommand } from './experiment-tasks-import.js';
import { createTasksListCommand } from './experiment-tasks-list.js';
import { createTasksSynthesizeCommand } from './experiment-tasks-synthesize.js';
import { createTasksVerifyCommand } from './experiment-tasks-verify.js';

/** The subcommands, in help order: a new one (such as `tasks import`) is one more factory here. */
const SUBCOMMANDS: readonly (() => Command)[] = [
  createTasksListCommand,
  createTasksVerifyCommand,
  createTasksImportCommand,
  createTasksSynthesizeCommand,
];

export function createTasksCommand(): Command {
  const group = new Command('tasks').description(
    "list the task bank, check that each task can score an agent, import tasks from a repository's history, and synthesize them by breaking its working code",
  );
  for (const create of SUBCOMMANDS) group.addCommand(create().configureHelp({ showGlobalOptions: true }));
  return group;
}
