// `tracker ingest claude-transcripts`: each Claude Code answer's tokens from its transcripts, once, as ccusage counts them.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { findAgentProvider } from '../../sources/agents/index.js';
import { ingestClaudeTranscripts } from '../../sources/index.js';
import { parseWithSchema } from '../parse-flags.js';
import { runFileIngest } from './run-file-ingest.js';

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
      const provider = parseWithSchema(ProviderIdSchema, flags.provider ?? '', '--provider');
      const configDirs = listConfigDirs(flags.claudeDir ?? process.env.CLAUDE_CONFIG_DIR);
      runFileIngest(
        this,
        'transcripts',
        (dataDir, stamp, onFile) => ingestClaudeTranscripts(dataDir, stamp, { configDirs, provider, onFile }),
        (result) =>
          `Read ${result.filesRead} of ${result.files} transcripts (${result.bytesRead} new bytes); recorded ${result.readings} answers for ${provider}`,
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
