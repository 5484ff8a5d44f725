// What the ingests of the agents' own files share: the stamp, a progress line on a terminal, the skips, the summary.
import type { Command } from 'commander';
import type { StampContext } from '../../ledger/index.js';
import type { FileIngestResult } from '../../sources/index.js';
import { resolveContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';

/**
 * Runs `ingest` with the command's stamp (source `ingest` unless an automation set one) and a progress callback
 * (`files: done/total` on stderr when it is a terminal and the output is not JSON), then prints its skips and summary.
 */
export function runFileIngest(
  command: Command,
  files: string,
  ingest: (dataDir: string, stamp: StampContext, onFile: ((done: number, total: number) => void) | undefined) => FileIngestResult,
  summarize: (result: FileIngestResult) => string,
): void {
  const ctx = resolveContext(command);
  const showProgress = process.stderr.isTTY && !ctx.json;
  const stamp = { ...ctx.stamp, source: ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source };
  const result = ingest(
    ctx.dataDir,
    stamp,
    showProgress ? (done, total) => process.stderr.write(`\r${files}: ${done}/${total}`) : undefined,
  );
  if (showProgress) process.stderr.write('\n');
  for (const skipped of result.skipped) printNote(`skipped part of ${skipped.file}: ${skipped.reason}`);
  printResult(ctx.json, result, () => `${summarize(result)}\n`);
}
