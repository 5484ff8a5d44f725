// `tracker ingest claude-monitor`: one reading from claude-monitor's `--once --output json` snapshot.
import { Command } from 'commander';
import { WindowIdSchema } from '../../ledger/index.js';
import { type ClaudeMonitorSnapshot, ingestClaudeMonitorSnapshot, parseClaudeMonitorSnapshot } from '../../sources/index.js';
import { resolveContext } from '../global-options.js';
import { refuseParsedInput } from '../refuse-parsed-input.js';
import { parseWithSchema } from '../parse-flags.js';
import { printResult } from '../print-output.js';
import { readCommandInput } from '../read-input.js';

export function createIngestClaudeMonitorCommand(): Command {
  return new Command('claude-monitor')
    .description(
      "record the active 5-hour block's tokens and dollars from `claude-monitor --once --output json` (and Claude Code's own bars when it passes them on)",
    )
    .option('--input <file>', 'the snapshot JSON (- or none for stdin)')
    .option('--window <id>', 'window the reading belongs to')
    .action(async function (this: Command, flags: { input?: string; window?: string }) {
      const ctx = resolveContext(this);
      const source = ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source;
      const windowId = flags.window === undefined ? undefined : parseWithSchema(WindowIdSchema, flags.window, '--window');
      const input = await readCommandInput(flags.input);
      const parsed = parseClaudeMonitorSnapshot(input.bytes.toString('utf8'));
      if (!parsed.ok) refuseParsedInput(ctx, 'ingest claude-monitor', parsed.issues, input);
      const result = ingestClaudeMonitorSnapshot(ctx.dataDir, { ...ctx.stamp, source }, parsed.value, { windowId });
      printResult(ctx.json, result, () => describeResult(result.snapshot, result.recorded, result.alreadyThere));
    });
}

function describeResult(snapshot: ClaudeMonitorSnapshot, recorded: boolean, alreadyThere: boolean): string {
  const { block } = snapshot;
  const what = block
    ? `block from ${block.start}: ${block.tokens.total} tokens, $${block.costUsd.toFixed(2)}`
    : 'no active block (no Claude Code session in the last 5 hours)';
  const bars = snapshot.bars.five_hour ? `; 5-hour bar ${snapshot.bars.five_hour.used_pct}% (Claude Code's own)` : '';
  // Its local percentage is tokens over a limit it guessed: said, so nobody takes its absence for a lost number.
  const estimate =
    snapshot.estimatedFiveHourPct === null
      ? ''
      : `; its ${snapshot.estimatedFiveHourPct}% of 5 hours is its own estimate against a guessed plan limit, not recorded as a bar`;
  const outcome = recorded ? 'recorded 1 reading' : alreadyThere ? 'already in the ledger' : 'nothing to record';
  return `Read claude-monitor ${snapshot.generatedAt}: ${what}${bars}${estimate}; ${outcome}\n`;
}
