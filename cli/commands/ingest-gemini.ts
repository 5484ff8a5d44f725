// `tracker ingest gemini-session`: each Gemini CLI answer's tokens from its session files, once, for `tracker usage`.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { findAgentProvider } from '../../sources/agents/index.js';
import { ingestGeminiSessions } from '../../sources/index.js';
import { parseWithSchema } from '../parse-flags.js';
import { runFileIngest } from './run-file-ingest.js';

export function createIngestGeminiCommand(): Command {
  return new Command('gemini-session')
    .description(
      "record each Gemini CLI answer's tokens and model from its session files (<home>/tmp/<project>/chats); an answer counts once, and a re-run reads only what is new",
    )
    .option('--gemini-home <dir>', "Gemini CLI's home (default: $GEMINI_CLI_HOME/.gemini, else ~/.gemini)")
    .option('--provider <id>', 'provider the readings belong to', findAgentProvider('gemini-cli') ?? undefined)
    .action(function (this: Command, flags: { geminiHome?: string; provider?: string }) {
      const provider = parseWithSchema(ProviderIdSchema, flags.provider ?? '', '--provider');
      // Gemini CLI 0.61.0 takes GEMINI_CLI_HOME for the user's home, its .gemini inside (its homedir(), storage paths).
      const geminiHome = flags.geminiHome ?? join(process.env.GEMINI_CLI_HOME || homedir(), '.gemini');
      runFileIngest(
        this,
        'session files',
        (dataDir, stamp, onFile) => ingestGeminiSessions(dataDir, stamp, { geminiHome, provider, onFile }),
        (result) =>
          `Read ${result.filesRead} of ${result.files} session files (${result.bytesRead} new bytes); recorded ${result.readings} answers for ${provider}`,
      );
    });
}
