// `tracker churn`: git diff --numstat between a window's commits, appended to Churn_Ledger.csv.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import {
  CHURN_COLUMNS,
  CommitShaSchema,
  CSV_LEDGERS,
  findWindow,
  ProviderIdSchema,
  WindowIdSchema,
  appendCsvRecords,
  type ChurnRecord,
  type FoundWindow,
} from '../../ledger/index.js';
import { AppError, TOOL_VERSION } from '../../kernel/index.js';
import { measureChurn } from '../../runner/index.js';
import { readGitHead } from '../git-head.js';
import { resolveContext, type CommandContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { printResult } from '../print-output.js';

export interface ChurnFlags {
  window: string;
  provider?: string;
  repo?: string;
  from?: string;
  to?: string;
}

export function createChurnCommand(): Command {
  return new Command('churn')
    .description("measure a window's code churn (git diff --numstat) and append it to Churn_Ledger.csv")
    .requiredOption('--window <id>', 'the window')
    .option('--provider <id>', 'provider of the window, when the id is not unique')
    .option('--repo <dir>', 'the git repository worked in (default: the current directory)')
    .option('--from <sha>', 'start commit (default: commit_start of the window, else HEAD at its before)')
    .option('--to <sha>', 'end commit (default: commit_end of the window, else HEAD at its after, else HEAD now)')
    .action(async function (this: Command, flags: ChurnFlags) {
      const ctx = resolveContext(this);
      const record = await measureWindowChurn(ctx, locateWindow(ctx, flags), flags);
      appendCsvRecords(ctx.dataDir, CSV_LEDGERS.churn, CHURN_COLUMNS, [record]);
      printResult(
        ctx.json,
        record,
        () =>
          `Churn of ${record.window_id} (${record.commit_start}..${record.commit_end}): ${record.files_changed} files, +${record.insertions} -${record.deletions}${Number(record.binary_files) > 0 ? `, ${record.binary_files} binary` : ''}; appended to ${CSV_LEDGERS.churn}\n`,
      );
    });
}

export function locateWindow(ctx: CommandContext, flags: { window: string; provider?: string }): FoundWindow {
  const windowId = parseWithSchema(WindowIdSchema, flags.window, '--window');
  const provider = flags.provider === undefined ? undefined : parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
  return findWindow(ctx.dataDir, ctx.agentId, windowId, provider);
}

/** Measures the churn of a window with the real git: the Churn_Ledger.csv row, not yet written. */
export async function measureWindowChurn(
  ctx: CommandContext,
  found: FoundWindow,
  flags: Omit<ChurnFlags, 'window' | 'provider'>,
): Promise<ChurnRecord> {
  const { window, provider } = found;
  const repo = flags.repo ?? process.cwd();
  if (!existsSync(repo)) throw new AppError('BAD_USAGE', `${repo} does not exist`, { where: '--repo' });
  const sha = (value: string | undefined, flag: string) =>
    value === undefined ? undefined : parseWithSchema(CommitShaSchema, value, flag);
  const start = sha(flags.from, '--from') ?? window.completion?.commit_start ?? window.before?.git_head;
  const end = sha(flags.to, '--to') ?? window.completion?.commit_end ?? window.after?.git_head ?? readGitHead(repo);
  if (!start)
    throw new AppError('BAD_USAGE', `window ${window.windowId} has no start commit recorded: pass --from SHA`, { where: '--from' });
  if (!end)
    throw new AppError('BAD_USAGE', `no end commit: window ${window.windowId} has none recorded and ${repo} has no HEAD; pass --to SHA`, {
      where: '--to',
    });
  const churn = await measureChurn(repo, start, end);
  const record: ChurnRecord = {
    recorded_at: new Date().toISOString(),
    agent_id: ctx.agentId,
    provider,
    window_id: window.windowId,
    feature_id: window.completion?.feature_id ?? null,
    commit_start: start,
    commit_end: end,
    files_changed: churn.filesChanged,
    insertions: churn.insertions,
    deletions: churn.deletions,
    binary_files: churn.binaryFiles,
    source: ctx.stamp.source,
    tool_version: TOOL_VERSION,
  };
  return record;
}
