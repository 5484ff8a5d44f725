// `tracker preview`: per provider and window, before, after, delta, quality, outcome, efficiency and anomalies.
import { statSync } from 'node:fs';
import { Command } from 'commander';
// Modules, not the ledger's and reports' indexes; --record's modules and the telemetry's row schemas only when needed: a
// preview after every window should not load the whole program (the indexes cost about 0.35 s of start-up, zod 65 ms).
import { scanWindowViews } from '../../ledger/scanners/index.js';
import { LEDGER_FILES, locateLedgerFile, type StampContext } from '../../ledger/store/index.js';
import { buildProxyRollup, createPreviewBuilder, type ProxyRollup, renderPreview } from '../../reports/preview/index.js';
import { resolveContext } from '../global-options.js';
import { checkProviderHasWindows } from '../check-provider-has-windows.js';
import { countAnomalies } from '../count-anomalies.js';
import { parsePositiveInt } from '../parse-flags.js';
import { noteSkippedRow, printNote, printResult } from '../print-output.js';

export function createPreviewCommand(): Command {
  return new Command('preview')
    .description('show windows, capacity deltas, efficiency per provider and anomalies')
    .option('--limit <n>', 'how many recent windows to list', '20')
    .option('--provider <id>', 'only this provider')
    .option('--only-agent <id>', 'only windows of this agent (default: all agents)')
    .option('--full-scan', 'read every row instead of carrying on the checkpoint of the last preview (state/preview/)')
    .option('--record', 'also append this preview to previews.jsonl (decision gates read recorded previews)')
    .option(
      '--unit <unit>',
      "efficiency per $ of subscription (usd), per bar unit (bars) or per 1M tokens (tokens); default: the plan's, else usd when every window has a price",
    )
    .option(
      '--plan <id>',
      'only the windows of this plan, with its alpha, relevant difference and reference (default: the plan every window belongs to)',
    )
    .option(
      '--baseline <id>',
      "provider every power and quality_ratio is against (default: the plan's pre-registered reference, else the first provider by name)",
    )
    .action(async function (
      this: Command,
      flags: {
        limit: string;
        provider?: string;
        onlyAgent?: string;
        record?: boolean;
        baseline?: string;
        fullScan?: boolean;
        unit?: string;
        plan?: string;
      },
    ) {
      const ctx = resolveContext(this);
      const builder = createPreviewBuilder({
        recent: parsePositiveInt(flags.limit, '--limit'),
        filter: { provider: flags.provider, agentId: flags.onlyAgent },
      });
      // A mistyped --provider would show an empty preview that looks like "no data yet" (and --record would keep it);
      // the builder knows every provider it folded, also those carried in its checkpoint.
      const knowsProvider = (): boolean => flags.provider === undefined || builder.providersSeen.has(flags.provider);
      const scan = await scanWindowViews(ctx.dataDir, (view) => builder.add(view), {
        repairAs: ctx.stamp,
        // The rows before the last preview's checkpoint are not read again (ADR 0019); --full-scan reads them all and stores a new
        // one. A refused --provider stores none.
        fold: { name: builder.foldName, save: builder.save, restore: builder.restore, keep: knowsProvider },
        fullScan: flags.fullScan === true,
      });
      checkProviderHasWindows(flags.provider, builder.providersSeen, '--provider');
      for (const repair of scan.repaired) {
        printNote(
          repair.action === 'cut'
            ? `repaired a torn last line of ${repair.file} (${repair.length} bytes; kept at ${repair.keptAt})`
            : `ended the last row of ${repair.file}, which lacked its newline`,
        );
      }
      for (const reason of scan.unrepaired) printNote(reason);
      const telemetry = await readProxyRollup(ctx.dataDir, ctx.stamp, flags.onlyAgent);
      const unreadable = [...scan.unreadable, ...telemetry.unreadable];
      const folded = builder.finish({
        anomalies: countAnomalies(ctx.dataDir, ctx.stamp, { provider: flags.provider, agentId: flags.onlyAgent }),
        unreadableRows: unreadable.length,
        proxy: telemetry.rollup,
      });
      // Efficiency as the report prices it, in one unit, with power against one baseline: the fold's per-bar tallies are not shown.
      const { readPreviewEfficiency } = await import('./preview-efficiency.js');
      const { providers, ...efficiency } = readPreviewEfficiency(ctx.dataDir, flags);
      const preview = {
        ...folded,
        providers: providers.filter((summary) => flags.provider === undefined || summary.provider === flags.provider),
        efficiency,
      };
      for (const line of unreadable.slice(0, 3)) printNote(`unreadable row skipped: ${line.file}:${line.lineNo}: ${line.reason}`);
      if (flags.record) {
        const { recordPreview } = await import('../record-preview.js');
        recordPreview(ctx.dataDir, ctx.stamp, preview, flags);
      }
      printResult(ctx.json, preview, (shown) =>
        renderPreview(shown, { dataDir: ctx.dataDir, recent: parsePositiveInt(flags.limit, '--limit') }),
      );
    });
}

/**
 * The proxy block's figures (of one agent with --only-agent). Nothing is read, or loaded, when proxy_telemetry.jsonl is
 * missing or empty (a PostgreSQL ledger's local copy of it always exists): the scan would find no row either.
 */
async function readProxyRollup(
  dataDir: string,
  repairAs: StampContext,
  agentId: string | undefined,
): Promise<{ rollup: ProxyRollup | null; unreadable: { file: string; lineNo: number; reason: string }[] }> {
  const size = statSync(locateLedgerFile(dataDir, LEDGER_FILES.proxyTelemetry), { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0) return { rollup: buildProxyRollup([]), unreadable: [] };
  const { scanTelemetryRows } = await import('../../ledger/telemetry/index.js');
  const scan = scanTelemetryRows(dataDir, { agentId, repairAs });
  if (scan.repaired)
    printNote(
      `repaired a torn last line of ${scan.repaired.file} (${scan.repaired.length} bytes; kept at ${scan.repaired.keptAt ?? 'nowhere: it was a whole row'})`,
    );
  if (scan.unrepaired) printNote(scan.unrepaired);
  for (const skipped of scan.skipped.slice(0, 3)) noteSkippedRow(skipped);
  if (scan.skippedCount > 3) printNote(`and ${scan.skippedCount - 3} more proxy-request rows that do not match their schema`);
  return { rollup: buildProxyRollup(scan.rows), unreadable: scan.unreadable };
}
