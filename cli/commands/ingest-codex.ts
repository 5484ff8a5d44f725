// `tracker ingest codex-rollout`: Codex's token_count events (tokens, 5h and weekly bars) from its rollout files, once.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { ingestCodexRollouts } from '../../sources/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';

export function createIngestCodexCommand(): Command {
  return new Command('codex-rollout')
    .description(
      "record Codex's token_count events (tokens, 5h and weekly bars) from $CODEX_HOME/sessions; a re-run reads only what is new",
    )
    .option('--codex-home <dir>', 'Codex home (default: $CODEX_HOME, else ~/.codex)')
    .option('--provider <id>', 'provider the readings belong to', 'codex')
    .action(function (this: Command, flags: { codexHome?: string; provider: string }) {
      const ctx = resolveContext(this);
      const codexHome = flags.codexHome ?? (process.env.CODEX_HOME || join(homedir(), '.codex'));
      const provider = parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      const showProgress = process.stderr.isTTY && !ctx.json;
      const result = ingestCodexRollouts(
        ctx.dataDir,
        { ...ctx.stamp, source: ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source },
        {
          codexHome,
          provider,
          onFile: showProgress ? (done, total) => process.stderr.write(`\rrollouts: ${done}/${total}`) : undefined,
        },
      );
      if (showProgress) process.stderr.write('\n');
      for (const skipped of result.skipped) printNote(`skipped a line of ${skipped.file}: ${skipped.reason}`);
      printResult(
        ctx.json,
        result,
        () =>
          `Read ${result.filesRead} of ${result.files} rollout files (${result.bytesRead} new bytes); recorded ${result.readings} readings for ${provider}\n`,
      );
    });
}
