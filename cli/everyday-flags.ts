// The flags and the ledger of the commands that read everyday bar readings and use (`tracker calibrate`, `tracker plans`).
import { type PlanTable, priceSubscription } from '../budget/index.js';
import { type LoginSubscription, resolveLoginPlans } from '../budget/logins/index.js';
import type { PriceTable } from '../budget/prices/index.js';
import { type ReportWindow, readBarInputs, readUsageInputs, type WindowSubscription } from '../ledger/index.js';
import type { EverydayLedger } from '../reports/index.js';
import { AppError } from '../kernel/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import type { EverydayFlags } from './everyday-options.js';
import { loadPriceFile } from './load-price-file.js';
import { printNote } from './print-output.js';
import { checkPlanProvider, loadPlanTable, readPlanFlag } from './resolve-subscriptions.js';
import { checkReadProviders } from './check-known-provider.js';

export interface EverydaySettings {
  table: PlanTable;
  /** The plans given with --plan, by provider. */
  plans: Map<string, WindowSubscription>;
  /** The plans the agent CLIs' logins say (Claude Code's tier, Codex's ChatGPT plan): --plan wins over them. */
  logins: LoginSubscription[];
  prices: PriceTable;
  since_ms: number | null;
  until_ms: number | null;
  timeZone: string;
  confidence: number;
  providers: string[];
}

/**
 * The flags checked, each refusal naming its flag and value; with `dataDir`, the providers too (checkReadProviders),
 * and each `--plan` against its provider's own tiers.
 */
export function readEverydayFlags(flags: EverydayFlags, catalog: ProviderCatalog, dataDir?: string): EverydaySettings {
  const confidence = Number(flags.confidence);
  if (!/^0?\.\d+$/.test(flags.confidence) || !(confidence >= 0.5 && confidence < 1))
    throw new AppError('BAD_USAGE', `expected a level from 0.5 to below 1, got ${JSON.stringify(flags.confidence)}`, {
      where: '--confidence',
    });
  const table = loadPlanTable(catalog, flags.plans);
  const plans = new Map<string, WindowSubscription>();
  for (const value of flags.plan) {
    const { provider, plan } = readPlanFlag(value);
    if (dataDir !== undefined) checkReadProviders(catalog, dataDir, [provider], '--plan');
    plans.set(provider, priceSubscription(table, plan, '--plan'));
    checkPlanProvider(catalog, table, provider, plan);
  }
  const providers = (flags.provider ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (dataDir !== undefined) checkReadProviders(catalog, dataDir, providers, '--provider');
  return {
    table,
    plans,
    logins: resolveLoginPlans(table, dataDir),
    prices: loadPriceFile(catalog, flags.prices),
    since_ms: readTime(flags.since, '--since', 'start'),
    until_ms: readTime(flags.until, '--until', 'end'),
    timeZone: flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    confidence,
    providers,
  };
}

/** A day (its start or its end, UTC) or an ISO time, as milliseconds; anything else is refused naming the flag. */
function readTime(text: string | undefined, where: string, edge: 'start' | 'end'): number | null {
  if (text === undefined) return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = Date.parse(day ? `${text.trim()}T00:00:00Z` : text.trim());
  if (!Number.isFinite(ms))
    throw new AppError('BAD_USAGE', `expected a day such as 2026-11-24 or an ISO time, got ${JSON.stringify(text)}`, { where });
  return day && edge === 'end' ? ms + 86_400_000 - 1 : ms;
}

/** The bar readings and recorded use of a data dir (the first unreadable rows noted), and its windows. */
export function readEverydayLedger(
  dataDir: string,
  options: { quiet?: boolean } = {},
): EverydayLedger & { windows: readonly ReportWindow[] } {
  const usage = readUsageInputs(dataDir);
  // Quiet for a reader under a live redraw (the watch's headroom): a note there would scroll it.
  if (!options.quiet) for (const problem of usage.problems.slice(0, 3)) printNote(`skipped ${problem}`);
  return { bars: readBarInputs(dataDir), telemetry: usage.telemetry, otel: usage.otel, readings: usage.readings, windows: usage.windows };
}
