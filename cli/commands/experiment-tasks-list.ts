// `experiment tasks list`: one line a task (id, language, difficulty, size, tags), or JSON.
import { Command } from 'commander';
import { renderTable } from '../../kernel/index.js';
import { loadTaskBank, type BankTask } from '../../runner/index.js';
import { printResult } from '../print-output.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';

interface ListFlags {
  tasks?: string;
  json?: boolean;
}

export function createTasksListCommand(): Command {
  return new Command('list')
    .description('list the tasks of a bank: id, language, difficulty, size (files/lines changed), tags')
    .option('--tasks <dir>', 'task bank folder (default: the bank shipped with agent-tracker)')
    .action(function (this: Command) {
      const flags = this.optsWithGlobals<ListFlags>();
      const tasksDir = resolveTaskBankDir(flags.tasks);
      const bank = loadTaskBank(tasksDir);
      const rows = bank.map(describeTask);
      printResult(flags.json === true, { tasks_dir: tasksDir, tasks: rows }, () => renderList(bank, tasksDir));
    });
}

function describeTask(task: BankTask) {
  const { id, language, difficulty, size, tags, test } = task.meta;
  return { id, language, difficulty: difficulty ?? null, size: size ?? null, tags, report: test?.report ?? 'node-tap' };
}

function renderList(bank: BankTask[], tasksDir: string): string {
  const header = ['id', 'language', 'difficulty', 'size', 'tags'];
  const rows = bank.map((task) => {
    const { id, language, difficulty, size, tags } = task.meta;
    return [
      id,
      language,
      difficulty ?? '-',
      size ? `${size.files_changed} file${size.files_changed === 1 ? '' : 's'}, ${size.lines_changed} lines` : '-',
      tags.join(',') || '-',
    ];
  });
  const languages = [...new Set(bank.map((task) => task.meta.language))].sort().join(', ');
  return `${[...renderTable([header, ...rows], { ruleUnderHeader: true }), `${bank.length} tasks in ${tasksDir} (${languages || 'none'})`].join('\n')}\n`;
}
