// `tracker ingest claude-transcripts`: each Claude Code answer's tokens from its transcripts, once, as ccusage counts them.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { findAgentProvider } from '../../ledger/vocabulary/index.js';
import { ingestClaudeTranscripts } from '../../sources/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';

export function createIngestClaudeCommand(): Command {
  return new Command('claude-transcripts')
    .description(
      "record each Claude Code answer's tokens, model, session, working directory and sub-agent from its transcripts (<config>/projects/**/*.jsonl), each answer once as ccusage counts it; a re-run reads only what is new",
    )
    .option(
      '--claude-dir <dirs>',
      "Claude Code's config folders, comma-separated (default: $CLAUDE_CONFIG_DIR's, else ~/.config/claude and ~/.claude, as ccusage reads them)",
    )
    .option('--provider <id>', 'provider the readings belong to', findAgentProvider('claude-code') ?? undefined)
    .action(function (this: Command, flags: { claudeDir?: string; provider?: string }) {
      const ctx = resolveContext(this);
      const provider = parseWithSchema(ProviderIdSchema, flags.provider ?? '', '--provider');
      const showProgress = process.stderr.isTTY && !ctx.json;
      const result = ingestClaudeTranscripts(
        ctx.dataDir,
        { ...ctx.stamp, source: ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source },
        {
          configDirs: listConfigDirs(flags.claudeDir ?? process.env.CLAUDE_CONFIG_DIR),
          provider,
          onFile: showProgress ? (done, total) => process.stderr.write(`\rtranscripts: ${done}/${total}`) : undefined,
        },
      );
      if (showProgress) process.stderr.write('\n');
      for (const skipped of result.skipped) printNote(`skipped part of ${skipped.file}: ${skipped.reason}`);
      printResult(
        ctx.json,
        result,
        () =>
          `Read ${result.filesRead} of ${result.files} transcripts (${result.bytesRead} new bytes); recorded ${result.readings} answers for ${provider}\n`,
      );
    });
}

/** ccusage's folders: the comma-separated list given, else both of Claude Code's defaults (those that exist are read). */
function listConfigDirs(given: string | undefined): string[] {
  const named = (given ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter((dir) => dir !== '');
  return named.length > 0 ? named : [join(homedir(), '.config', 'claude'), join(homedir(), '.claude')];
}
