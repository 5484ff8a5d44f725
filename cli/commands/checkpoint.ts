// `tracker checkpoint plan|mid|final`: tokens spent so far in a window, appended to Token_Churn_Ledger.csv and SESSION_HANDOFF.md.
import { Argument, Command } from 'commander';
import {
  CHURN_COLUMNS,
  CSV_LEDGERS,
  TOKEN_CHURN_COLUMNS,
  appendCsvRecords,
  type CheckpointStage,
  type FoundWindow,
  type TokenChurnRecord,
} from '../../ledger/index.js';
import { AppError, escapeControls, TOOL_VERSION } from '../../kernel/index.js';
import { resolveContext } from '../global-options.js';
import { parsePositiveInt } from '../parse-flags.js';
import { printResult } from '../print-output.js';
import { appendSessionHandoff, SESSION_HANDOFF } from './append-session-handoff.js';
import { locateWindow, measureWindowChurn } from './churn.js';

interface CheckpointFlags {
  window: string;
  provider?: string;
  tokens?: string;
  notes?: string;
  repo?: string;
}

export function createCheckpointCommand(): Command {
  return new Command('checkpoint')
    .description('record tokens spent so far in a window (Token_Churn_Ledger.csv); `final` also records churn')
    .addArgument(new Argument('<stage>', 'where the work stands').choices(['plan', 'mid', 'final']))
    .requiredOption('--window <id>', 'the window')
    .option('--provider <id>', 'provider of the window, when the id is not unique')
    .option('--tokens <n>', "tokens spent so far (default: the window's token readings, after minus before)")
    .option('--notes <text>', 'free text kept in the row')
    .option('--repo <dir>', 'for final: the git repository worked in (default: the current directory)')
    .action(async function (this: Command, stage: CheckpointStage, flags: CheckpointFlags) {
      const ctx = resolveContext(this);
      const found = locateWindow(ctx, flags);
      const { tokens, from } = countTokens(found, flags.tokens);
      const record: TokenChurnRecord = {
        recorded_at: new Date().toISOString(),
        agent_id: ctx.agentId,
        provider: found.provider,
        window_id: found.window.windowId,
        feature_id: found.window.completion?.feature_id ?? null,
        stage,
        tokens,
        tokens_from: from,
        notes: flags.notes ?? null,
        source: ctx.stamp.source,
        tool_version: TOOL_VERSION,
      };
      // Churn is measured first: if it is refused, nothing at all is written (invariant 9).
      const churn = stage === 'final' ? await measureWindowChurn(ctx, found, { ...(flags.repo ? { repo: flags.repo } : {}) }) : null;
      appendCsvRecords(ctx.dataDir, CSV_LEDGERS.tokenChurn, TOKEN_CHURN_COLUMNS, [record]);
      if (churn) appendCsvRecords(ctx.dataDir, CSV_LEDGERS.churn, CHURN_COLUMNS, [churn]);
      // The checkpoint is recorded once its rows are: a handoff note that cannot be written is said, not a failure
      // (a retry would append the rows again).
      let handoff: string | null = null;
      try {
        handoff = appendSessionHandoff(ctx.dataDir, record, churn !== null);
      } catch (error) {
        process.stderr.write(`warning: ${SESSION_HANDOFF} not written: ${escapeControls((error as Error).message)}\n`);
      }
      printResult(ctx.json, { checkpoint: record, churn, handoff }, () => {
        const lines = [
          `Checkpoint ${stage} of ${record.window_id}: ${tokens} tokens so far (${from}); appended to ${CSV_LEDGERS.tokenChurn}`,
        ];
        if (churn)
          lines.push(`Churn: ${churn.files_changed} files, +${churn.insertions} -${churn.deletions}; appended to ${CSV_LEDGERS.churn}`);
        if (handoff) lines.push(`Handoff: the files and the next step added to ${handoff}`);
        return `${lines.join('\n')}\n`;
      });
    });
}

/** Tokens so far: the flag, else the window's token readings (its latest capture minus its before). */
function countTokens(found: FoundWindow, flag: string | undefined): { tokens: number; from: 'flag' | 'captures' } {
  if (flag !== undefined) return { tokens: parsePositiveInt(flag, '--tokens'), from: 'flag' };
  const before = found.window.before?.tokens?.total;
  const latest = found.window.after?.tokens?.total;
  if (before === undefined || latest === undefined) {
    throw new AppError('BAD_USAGE', `window ${found.window.windowId} has no token readings at both ends yet: pass --tokens N`, {
      where: '--tokens',
    });
  }
  return { tokens: Math.max(0, latest - before), from: 'captures' };
}
