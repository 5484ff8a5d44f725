// `tracker ingest gemini-session`: each Gemini CLI answer's tokens from its session files, once, for `tracker usage`.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { findAgentProvider } from '../../ledger/vocabulary/index.js';
import { ingestGeminiSessions } from '../../sources/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';

export function createIngestGeminiCommand(): Command {
  return new Command('gemini-session')
    .description(
      "record each Gemini CLI answer's tokens and model from its session files (<home>/tmp/<project>/chats); an answer counts once, and a re-run reads only what is new",
    )
    .option('--gemini-home <dir>', "Gemini CLI's home (default: $GEMINI_CLI_HOME/.gemini, else ~/.gemini)")
    .option('--provider <id>', 'provider the readings belong to', findAgentProvider('gemini-cli') ?? undefined)
    .action(function (this: Command, flags: { geminiHome?: string; provider?: string }) {
      const ctx = resolveContext(this);
      const provider = parseWithSchema(ProviderIdSchema, flags.provider ?? '', '--provider');
      const showProgress = process.stderr.isTTY && !ctx.json;
      const result = ingestGeminiSessions(
        ctx.dataDir,
        { ...ctx.stamp, source: ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source },
        {
          // Gemini CLI 0.61.0 takes GEMINI_CLI_HOME for the user's home, its .gemini inside (its homedir(), storage paths).
          geminiHome: flags.geminiHome ?? join(process.env.GEMINI_CLI_HOME || homedir(), '.gemini'),
          provider,
          onFile: showProgress ? (done, total) => process.stderr.write(`\rsession files: ${done}/${total}`) : undefined,
        },
      );
      if (showProgress) process.stderr.write('\n');
      for (const skipped of result.skipped) printNote(`skipped part of ${skipped.file}: ${skipped.reason}`);
      printResult(
        ctx.json,
        result,
        () =>
          `Read ${result.filesRead} of ${result.files} session files (${result.bytesRead} new bytes); recorded ${result.readings} answers for ${provider}\n`,
      );
    });
}
