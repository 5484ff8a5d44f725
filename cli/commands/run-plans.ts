// `tracker plans`' work, loaded when the command runs: `tracker plans --help` needs only its options (plans.ts), not the
// reports, the ledger reader and the provider catalog this imports.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { mapRealAccounts } from '../../reports/index.js';
import { backtestPlans, buildPlansAdvice, renderBacktest, renderPlans } from '../../reports/plans/index.js';
import { checkPlanAccounts } from '../check-plan-accounts.js';
import { readLoginNames } from '../read-login-names.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { readEverydayFlags, readEverydayLedger } from '../everyday-flags.js';
import type { EverydayFlags } from '../everyday-options.js';
import { resolveContext } from '../global-options.js';
import { writeHeadroomBases } from '../headroom-basis-file.js';
import { readSeatEvidence } from '../read-seat-evidence.js';
import { printNote, printResult } from '../print-output.js';

const DAY_MS = 86_400_000;

export type PlansFlags = EverydayFlags & { weeks: string; backtest?: boolean; allPortfolios?: boolean };

/** Runs `tracker plans` with its parsed flags. */
export function runPlans(command: Command, flags: PlansFlags): void {
  const ctx = resolveContext(command);
  // The providers its providers.json declares (their plans and prices): docs/providers.md.
  const catalog = loadProviderCatalog(ctx.dataDir);
  if (!existsSync(ctx.dataDir))
    throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: ctx.dataDir });
  const weeks = Number(flags.weeks);
  if (!/^\d+$/.test(flags.weeks) || weeks < 1)
    throw new AppError('BAD_USAGE', `expected a whole number of weeks, 1 or more, got ${JSON.stringify(flags.weeks)}`, {
      where: '--weeks',
    });
  const settings = readEverydayFlags(flags, catalog, ctx.dataDir);
  // The span's end is exclusive from here on: --until 2026-11-01 ends at 2026-11-02T00:00Z, so 4 weeks are 28 whole days.
  const until = settings.until_ms === null ? Date.now() : settings.until_ms + 1;
  const since = settings.since_ms ?? until - weeks * 7 * DAY_MS;
  if (since >= until) throw new AppError('BAD_USAGE', 'expected --since before --until', { where: '--since' });
  const ledger = readEverydayLedger(ctx.dataDir);
  const accounts = mapRealAccounts(ledger.windows, settings.plans.keys());
  for (const note of checkPlanAccounts(settings.plans.keys(), ledger, accounts)) printNote(note);
  const options = { ...settings, since_ms: since, until_ms: until, accounts, catalog };
  if (flags.backtest) {
    printResult(ctx.json, backtestPlans(ledger, options), renderBacktest);
    return;
  }
  const { bases, ...report } = buildPlansAdvice(ledger, options);
  if (report.accounts.length === 0) {
    const only = report.arms_left_out > 0 ? `; its only use is an experiment's arms (${report.arms_left_out} uses), not your demand` : '';
    throw new AppError(
      'NOT_FOUND',
      `no recorded use of yours in the span${only}: nothing to replay (record your own with tracker proxy, tracker otel, or an ingest of the agents' files: claude-transcripts, codex-rollout, gemini-session)`,
      { where: ctx.dataDir },
    );
  }
  // Kept for `tracker statusline`, which reckons the headroom on its own bars without the ledger.
  writeHeadroomBases(ctx.dataDir, ctx.agentId, bases);
  // The gates only beside a seat offered (they weigh a seat, and read the experiment's priced windows).
  const evidence = report.portfolios.some((portfolio) => portfolio.seat !== null)
    ? readSeatEvidence(ctx.dataDir, flags.prices, catalog)
    : null;
  if (typeof evidence === 'string') report.notes.push(evidence);
  // Each login's e-mail beside its account, read now from its config dir (never kept): the text only.
  const names = ctx.json ? undefined : readLoginNames(ctx.dataDir);
  printResult(ctx.json, { ...report, seat_evidence: typeof evidence === 'string' ? null : evidence }, (shown) =>
    renderPlans(shown, { all: flags.allPortfolios === true, names }),
  );
}
