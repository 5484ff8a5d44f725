// What `tracker plans --json` prints, read from a data dir without writing anything: shared by the command and `tracker mcp`.
import { existsSync } from 'node:fs';
import { AppError } from '../kernel/index.js';
import { mapRealAccounts } from '../reports/index.js';
import { buildPlansAdvice, type PlansLedger, type PlansOptions, type PlansReport, type SeatEvidence } from '../reports/plans/index.js';
import type { HeadroomBasis } from '../reports/headroom/index.js';
import { checkPlanAccounts } from './check-plan-accounts.js';
import { loadProviderCatalog } from './load-provider-catalog.js';
import { readEverydayFlags, readEverydayLedger } from './everyday-flags.js';
import type { EverydayFlags } from './everyday-options.js';
import { printNote } from './print-output.js';
import { readSeatEvidence } from './read-seat-evidence.js';

const DAY_MS = 86_400_000;

export type PlansReadFlags = EverydayFlags & { weeks: string };

/** The ledger and the span `tracker plans` replays, each bad flag refused naming it; `now` ends a span with no --until. */
export function readPlansInputs(dataDir: string, flags: PlansReadFlags, now: number): { ledger: PlansLedger; options: PlansOptions } {
  // The providers its providers.json declares (their plans and prices): docs/providers.md.
  const catalog = loadProviderCatalog(dataDir);
  if (!existsSync(dataDir))
    throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: dataDir });
  const weeks = Number(flags.weeks);
  if (!/^\d+$/.test(flags.weeks) || weeks < 1)
    throw new AppError('BAD_USAGE', `expected a whole number of weeks, 1 or more, got ${JSON.stringify(flags.weeks)}`, {
      where: '--weeks',
    });
  const settings = readEverydayFlags(flags, catalog, dataDir);
  // The span's end is exclusive from here on: --until 2026-11-01 ends at 2026-11-02T00:00Z, so 4 weeks are 28 whole days.
  const until = settings.until_ms === null ? now : settings.until_ms + 1;
  const since = settings.since_ms ?? until - weeks * 7 * DAY_MS;
  if (since >= until) throw new AppError('BAD_USAGE', 'expected --since before --until', { where: '--since' });
  const ledger = readEverydayLedger(dataDir);
  const accounts = mapRealAccounts(ledger.windows, settings.plans.keys());
  for (const note of checkPlanAccounts(settings.plans.keys(), ledger, accounts)) printNote(note);
  return { ledger, options: { ...settings, since_ms: since, until_ms: until, accounts, catalog } };
}

/**
 * The advice `tracker plans --json` prints (the experiment's seat gates beside a seat offered), and what each account's
 * headroom rests on, which only the command keeps for the status line.
 */
export function readPlansAdvice(
  dataDir: string,
  flags: PlansReadFlags,
  inputs: { ledger: PlansLedger; options: PlansOptions },
): { report: PlansReport & { seat_evidence: SeatEvidence | null }; bases: HeadroomBasis[] } {
  const { bases, ...report } = buildPlansAdvice(inputs.ledger, inputs.options);
  // The gates only beside a seat offered (they weigh a seat, and read the experiment's priced windows).
  const evidence = report.portfolios.some((portfolio) => portfolio.seat !== null)
    ? readSeatEvidence(dataDir, flags.prices, inputs.options.catalog)
    : null;
  if (typeof evidence === 'string') report.notes.push(evidence);
  return { report: { ...report, seat_evidence: typeof evidence === 'string' ? null : evidence }, bases };
}

/** The refusal of a span with no use of the user's own: nothing to replay. */
export function refuseNoUse(dataDir: string, armsLeftOut: number): AppError {
  const only = armsLeftOut > 0 ? `; its only use is an experiment's arms (${armsLeftOut} uses), not your demand` : '';
  return new AppError(
    'NOT_FOUND',
    `no recorded use of yours in the span${only}: nothing to replay (record your own with tracker proxy, tracker otel, or an ingest of the agents' files: claude-transcripts, codex-rollout, gemini-session)`,
    { where: dataDir },
  );
}
