// `tracker calibrate`: each plan's price and each bar's tokens per 1% from everyday bar readings and recorded use, no experiment needed.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { buildEverydayCalibration, describeDivergentWindows, mapRealAccounts, renderEverydayCalibration } from '../../reports/index.js';
import { checkPlanAccounts } from '../check-plan-accounts.js';
import { readLoginNames } from '../read-login-names.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { readEverydayFlags, readEverydayLedger } from '../everyday-flags.js';
import { addEverydayOptions, type EverydayFlags } from '../everyday-options.js';
import { resolveContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';

export function createCalibrateCommand(): Command {
  const command = new Command('calibrate').description(
    "each plan's dollars of subscription per list-price dollar, and the tokens 1% of each bar buys, from the bar readings (statusline, watch, quota, proxy, Codex rollouts) and the use recorded between them (the proxy's counts, else the agents’ own OpenTelemetry: tracker otel, else Codex's rollouts: tracker ingest codex-rollout), over days of everyday work: no experiment needed (docs/bars.md#everyday-calibration)",
  );
  return addEverydayOptions(command).action(function (this: Command, flags: EverydayFlags) {
    const ctx = resolveContext(this);
    // The providers its providers.json declares (back ends, profiles, plans, prices): docs/providers.md.
    if (!existsSync(ctx.dataDir))
      throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: ctx.dataDir });
    // The providers its providers.json declares (their plans and prices): docs/providers.md.
    const settings = readEverydayFlags(flags, loadProviderCatalog(ctx.dataDir), ctx.dataDir);
    const ledger = readEverydayLedger(ctx.dataDir);
    // A run's codex-chatgpt arms and your own Codex spend one ChatGPT account: calibrated together, as `codex`.
    const accounts = mapRealAccounts(ledger.windows, settings.plans.keys());
    for (const note of checkPlanAccounts(settings.plans.keys(), ledger, accounts)) printNote(note);
    const result = buildEverydayCalibration(ledger, { ...settings, accounts });
    // Each login's e-mail beside its account, read now from its config dir (never kept): the text only.
    const names = ctx.json ? undefined : readLoginNames(ctx.dataDir);
    printResult(ctx.json, result, (shown) => renderEverydayCalibration(shown, settings.confidence, names));
    // A window whose ccusage count and bars disagree is named, not priced silently from either (invariant 6).
    const divergent = describeDivergentWindows(ledger.windows, settings.providers);
    if (divergent) printNote(divergent);
  });
}
