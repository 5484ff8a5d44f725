// `tracker compare-cost`: sub-agent tokens and cost routed to GLM against the baseline, per matched feature (seed 001).
import { Command } from 'commander';
import { createPriceTable, parsePriceOverride, type PriceTable } from '../../budget/prices/index.js';
import { scanTelemetryRows } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { compareCost, renderCostComparison } from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { noteSkippedRow, printNote, printResult } from '../print-output.js';
import { readCommandInput } from '../read-input.js';

interface CompareCostFlags {
  prices?: string;
  target: string;
  onlyAgent?: string;
}

export function createCompareCostCommand(): Command {
  return new Command('compare-cost')
    .description(
      'compare the tokens and cost of sub-agent requests routed to glm with those sent to any other back end, per feature that has both (the POC cost criterion: a reduction of 2x or more)',
    )
    .option(
      '--prices <file>',
      'JSON price table merged over the defaults: {"models": {"MODEL or GLOB": {"input": USD, "output": USD, "cache_read": USD, "cache_creation": USD}}} (USD per million tokens)',
    )
    .option('--target <factor>', 'cost reduction factor the POC must reach', '2')
    .option('--only-agent <id>', 'only requests recorded by this agent (default: all agents)')
    .action(async function (this: Command, flags: CompareCostFlags) {
      const ctx = resolveContext(this);
      const target = Number(flags.target);
      if (!/^\d+(?:\.\d+)?$/.test(flags.target) || !(target > 0))
        throw new AppError('BAD_USAGE', `expected a factor above 0 such as 2, got ${JSON.stringify(flags.target)}`, { where: '--target' });
      // The providers its providers.json declares (their prices): docs/providers.md.
      const prices = await loadPrices(loadProviderCatalog(ctx.dataDir), flags.prices);
      const scan = scanTelemetryRows(ctx.dataDir, { agentId: flags.onlyAgent, repairAs: ctx.stamp });
      if (scan.repaired)
        printNote(
          `repaired a torn last line of ${scan.repaired.file} (${scan.repaired.length} bytes; kept at ${scan.repaired.keptAt ?? 'nowhere: it was a whole row'})`,
        );
      if (scan.unrepaired) printNote(scan.unrepaired);
      for (const line of scan.unreadable.slice(0, 3)) printNote(`unreadable row skipped: ${line.file}:${line.lineNo}: ${line.reason}`);
      for (const skipped of scan.skipped.slice(0, 3)) noteSkippedRow(skipped);
      if (!scan.present)
        printNote(
          `no proxy_telemetry.jsonl in ${ctx.dataDir} yet: record requests with \`tracker ingest proxy-telemetry\` or \`tracker proxy\``,
        );
      const comparison = compareCost(scan.rows, prices, { target });
      printResult(ctx.json, comparison, (shown) => renderCostComparison(shown));
    });
}

/** The defaults, with the override file (if any) consulted first. */
async function loadPrices(catalog: ProviderCatalog, file: string | undefined): Promise<PriceTable> {
  if (file === undefined) return createPriceTable(catalog);
  const input = await readCommandInput(file, {
    maxBytes: 1024 * 1024,
    hint: 'a price table is a few kilobytes',
    prompt: 'Paste the price table JSON, then press Ctrl-D:\n',
  });
  return createPriceTable(catalog, { name: input.name, value: parsePriceOverride(input.bytes.toString('utf8'), input.name) });
}
