// `tracker undo`: retracts the latest capture of an open window with a retraction row.
import { Command, Option } from 'commander';
import { ProviderIdSchema, undoCapture, WindowIdSchema, type Phase } from '../../ledger/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { noteSkippedRow, printResult } from '../print-output.js';
import { updateAgentState } from '../update-agent-state.js';

export function createUndoCommand(): Command {
  return new Command('undo')
    .description('retract the latest capture (after, else before) of an open window; the row stays in the file')
    .requiredOption('--provider <id>', 'provider of the window')
    .option('--window <id>', 'window id (default: the open one)')
    .addOption(new Option('--phase <phase>', 'retract only this capture (refused if it is not the latest)').choices(['before', 'after']))
    .option('--reason <text>', 'why it is retracted', 'undo')
    .action(function (this: Command, flags: { provider: string; window?: string; phase?: Phase; reason: string }) {
      const ctx = resolveContext(this);
      const provider = parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      const windowId = flags.window === undefined ? undefined : parseWithSchema(WindowIdSchema, flags.window, '--window');
      const outcome = undoCapture(ctx.dataDir, ctx.stamp, {
        provider,
        windowId,
        phase: flags.phase,
        reason: flags.reason,
        onSkippedRow: noteSkippedRow,
      });
      updateAgentState(ctx.dataDir, ctx.agentId, provider, {
        window_id: outcome.retracted.window_id,
        last_phase: 'undo',
        at: outcome.retraction.ts,
      });
      printResult(
        ctx.json,
        outcome,
        () =>
          `Retracted the ${outcome.retracted.phase} of ${provider} in window ${outcome.retracted.window_id} (row ${outcome.retracted.id}, agent ${ctx.agentId})\n`,
      );
    });
}
