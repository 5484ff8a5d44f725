// `tracker plans` from a ledger: each account's use and calibrated bars over the span, its plans, the advice (pure).
import type { PlanTable } from '../../budget/plans/index.js';
import { isPricedBar, type PricedBar } from '../../ledger/schemas/index.js';
import { listProviderTiers, type ProviderCatalog } from '../../ledger/vocabulary/index.js';
import type { BarSeries } from '../bars/bar-types.js';
import { listBarKeys } from '../bars/collect-bar-series.js';
import type { UseColumns } from '../metrics/everyday-samples.js';
import { findBaseProvider } from '../usage/account-keys.js';
import { joinSessionAccounts } from '../usage/join-session-accounts.js';
import {
  calibrateAccounts,
  collectEverydayInputs,
  type EverydayLedger,
  type EverydayOptions,
} from '../metrics/build-everyday-calibration.js';
import { createPlanResolver } from '../metrics/resolve-account-plans.js';
import { describeUnnamedRows, describeWithoutUse, listAccountsWithoutUse, type UnnamedRows } from '../metrics/describe-account-gaps.js';
import { advisePlans, DAYS_A_MONTH, type PlansAdvice } from './advise-plans.js';
import { noteReplayContradictions } from './note-replay-contradictions.js';
import { collectHeadroom, collectHeadroomBases } from './collect-headroom.js';
import { readTaskUses } from './collect-tasks.js';
import type { Headroom, HeadroomBasis } from '../headroom/index.js';
import { type ExperimentWindow, measureWorkPerToken } from './measure-work-per-token.js';
import type { AccountHistory, PlanCandidate } from './price-plan-outcome.js';
import { addRefusals, collectRefusals } from './collect-refusals.js';
import { compareFailovers, type FailoverAdvice } from './compare-failovers.js';
import { type ArmSpan, selectEverydayDemand } from './select-everyday-demand.js';

export interface PlansOptions extends EverydayOptions {
  since_ms: number;
  until_ms: number;
  table: PlanTable;
  /** The data dir's provider catalog: a declared provider's tiers are its plans. */
  catalog: ProviderCatalog;
}

/** The advice, and the limits the history was seen to reach on the plans it was on. */
export type PlansReport = PlansAdvice & {
  observed_limits: ObservedLimit[];
  headroom: Headroom[];
  /** Uses of an experiment's arms left out of the demand. */
  arms_left_out: number;
  /** Each plan held, and the ways out of its limits: failover chains, a bigger tier, one more seat. */
  failover: FailoverAdvice[];
  seat_evidence?: SeatEvidence | null;
};

/** The experiment's seat gates (seed 001's G1-G3) and its report's decision: the evidence behind adding a seat. */
export interface SeatEvidence {
  gates: { id: string; status: string; summary: string }[];
  decision: string;
  /** What the gates read (GATES_SCOPE_NOTE). */
  note: string;
}

/** A ledger whose windows say what the experiment's arms did (their quality and tokens). */
export type PlansLedger = EverydayLedger & { windows: readonly (EverydayLedger['windows'][number] & ExperimentWindow & ArmSpan)[] };

/** The report, and what each account's headroom rests on (for the status line to keep). */
export function buildPlansAdvice(ledger: PlansLedger, options: PlansOptions): PlansReport & { bases: HeadroomBasis[] } {
  // A use or reading naming no account takes its session's (joinSessionAccounts): the demand, the bars, the tasks alike.
  ledger = joinSessionAccounts(ledger);
  const { histories, observed_limits, refused, retried, arms_left_out, account, series, unnamed, without_use } = collectAccountHistories(
    ledger,
    options,
    ledger.windows,
  );
  const work = measureWorkPerToken(ledger.windows, ledger.telemetry, options.prices, account, options.confidence);
  // A provider the experiment measured that you do not use is offered as one more seat, sized on all its readings.
  const users = new Set(histories.map((history) => history.provider));
  // Every account's bars sized on all its readings (the experiment's too), read once and only when asked for.
  let everything: AccountHistory[] | undefined;
  const readAll = (): AccountHistory[] =>
    (everything ??= collectAccountHistories(ledger, {
      ...options,
      since_ms: Number.NEGATIVE_INFINITY,
      until_ms: Number.POSITIVE_INFINITY,
    }).histories);
  const seats = [...work.keys()].some((provider) => !users.has(provider))
    ? readAll().filter((history) => work.has(history.provider) && !users.has(history.provider))
    : [];
  const plans = [...histories, ...seats].flatMap((history) =>
    [
      ...new Set([...listPlanCandidates(options.table, options.catalog, history.provider), ...(history.held ? [history.held.id] : [])]),
    ].flatMap((id) => readCandidate(options.table, id, history.provider) ?? []),
  );
  const advice = advisePlans({ histories, plans, since_ms: options.since_ms, until_ms: options.until_ms, work, seats });
  if (refused > 0)
    advice.notes.push(
      `${refused} requests refused for a rate limit are counted as asking their account's mean request's tokens${retried > 0 ? ` (${retried} more refusals, a CLI retrying a refused request of the same session, are counted with it)` : ''}`,
    );
  advice.notes.push(...noteReplayContradictions(advice, observed_limits));
  advice.notes.push(...unnamed.map(describeUnnamedRows), ...without_use.map(describeWithoutUse));
  if (arms_left_out > 0)
    advice.notes.push(
      `${arms_left_out} uses by the experiment's arms are left out of your demand (next month will not repeat them); they still size the bars`,
    );
  const failover = compareFailovers({
    histories,
    accounts: advice.accounts,
    portfolios: advice.portfolios,
    plans: (provider) =>
      listPlanCandidates(options.table, options.catalog, provider).flatMap((id) => readCandidate(options.table, id, provider) ?? []),
    readBars: (provider) => readAll().find((history) => findBaseProvider(history.provider) === provider) ?? null,
    work,
    catalog: options.catalog,
    per_month: advice.days > 0 ? DAYS_A_MONTH / advice.days : 0,
  });
  const uses = readTaskUses(ledger);
  const headroom = collectHeadroom(uses, { histories, series, account, confidence: options.confidence }, options.until_ms);
  const bar_keys = listBarKeys(ledger.bars);
  const bases = collectHeadroomBases(uses, { histories, series, account, confidence: options.confidence, bar_keys }, options.until_ms);
  return { ...advice, observed_limits, headroom, arms_left_out, failover, bases };
}

/** A provider's tiers: those its descriptor lists, and a plans file's plans that name it. */
function listPlanCandidates(table: PlanTable, catalog: ProviderCatalog, label: string): string[] {
  // An account shown apart (`claude@acct-…`) has its provider's tiers.
  const provider = findBaseProvider(label);
  const named = Object.entries(table).flatMap(([id, plan]) => (plan.provider === provider ? [id] : []));
  return [...listProviderTiers(catalog, provider), ...named];
}

/** Each account's use, calibrated bars and plan held over the span, the limits its bars were seen at, the refusals. */
export function collectAccountHistories(
  ledger: EverydayLedger,
  options: PlansOptions,
  arms: readonly ArmSpan[] = [],
): {
  histories: AccountHistory[];
  observed_limits: ObservedLimit[];
  refused: number;
  /** Refusals taken as the CLI retrying one refused request of a session (counted once). */
  retried: number;
  /** Uses of the experiment's arms left out of the demand (`arms`). */
  arms_left_out: number;
  account: (provider: string) => string;
  series: BarSeries[];
  /** Rows naming no account of a provider with two or more, left out; accounts whose bars were read with no use. */
  unnamed: UnnamedRows[];
  without_use: string[];
} {
  // The bars are calibrated on every reading up to the span's end, as `tracker calibrate`, the viewer and the report
  // calibrate them (one data dir, one figure on every surface); the demand, the refusals and the limits seen are the span's.
  const history = collectEverydayInputs(ledger, { ...options, since_ms: null });
  const { account } = history;
  const calibrations = calibrateAccounts({ ...options, ...history, windows: ledger.windows });
  // An account with use and no bar read is still under the plan passed for it (its bars then n/a, not its plan).
  const resolvePlan = createPlanResolver({ ...options, windows: ledger.windows, account });
  const inSpan = (ms: number): boolean => ms >= options.since_ms && ms <= options.until_ms;
  const series = history.series.map((one) => ({ ...one, points: one.points.filter((point) => inSpan(Date.parse(point.at))) }));
  const uses = { ...history.uses, tokens: selectSpanColumns(history.uses.tokens, inSpan) };
  // The demand is what you asked; the bars were sized on every use that moved them, the arms' with yours.
  const everyday = selectEverydayDemand(ledger, arms, account);
  const demand = arms.length === 0 ? uses : collectEverydayInputs(everyday.ledger, options).uses;
  const { refusals, retried } = collectRefusals(everyday.ledger.telemetry, options, account);
  const histories: AccountHistory[] = [...demand.tokens].map(([provider, columns]) => {
    const calibration = calibrations.find((one) => one.provider === provider);
    const bars: AccountHistory['bars'] = {};
    for (const bar of calibration?.bars ?? []) {
      if (!isPricedBar(bar.bar)) continue;
      const rate = bar.tokens_per_pct;
      bars[bar.bar] = {
        tokens_per_pct: rate === null ? null : { estimate: rate.estimate, low: rate.low, high: rate.high },
        anchor_ms: bar.bar === 'five_hour' ? null : findLastReset(series, provider, bar.bar, account),
      };
    }
    return {
      provider,
      held: readCandidate(options.table, calibration?.plan ?? resolvePlan(provider)?.plan.plan ?? null, provider),
      demand: addRefusals(columns, refusals.get(provider) ?? []),
      bars,
    };
  });
  // Only the refusals of the accounts replayed (those with use in the span and asked for).
  const refused = histories.reduce((sum, history) => sum + (refusals.get(history.provider)?.length ?? 0), 0);
  return {
    histories,
    observed_limits: findObservedLimits(series, account),
    refused,
    retried,
    arms_left_out: everyday.left_out,
    account,
    series,
    unnamed: history.unnamed,
    without_use: listAccountsWithoutUse(history.series, calibrations, account),
  };
}

/** Each account's uses within the span (the columns are in time order, but a filter does not rely on it). */
function selectSpanColumns(columns: ReadonlyMap<string, UseColumns>, inSpan: (ms: number) => boolean): Map<string, UseColumns> {
  const result = new Map<string, UseColumns>();
  for (const [provider, one] of columns) {
    const kept = one.at_ms.flatMap((at, index) => (inSpan(at) ? [index] : []));
    if (kept.length > 0)
      result.set(provider, { at_ms: kept.map((i) => one.at_ms[i] as number), amount: kept.map((i) => one.amount[i] as number) });
  }
  return result;
}

export interface ObservedLimit {
  provider: string;
  bar: PricedBar;
  /** Readings of the bar at 100% (each period counted once). */
  periods_at_limit: number;
}

function readCandidate(table: PlanTable, id: string | null, provider: string): PlanCandidate | null {
  const plan = id === null ? undefined : table[id];
  if (id === null || plan === undefined) return null;
  return { id, name: plan.name, provider, usd_per_month: plan.usd_per_month, windows: plan.windows, units: plan.usage_units ?? {} };
}

/** The last reset a weekly or daily bar was seen to promise: its periods repeat from there. */
function findLastReset(series: readonly BarSeries[], provider: string, bar: PricedBar, account: (id: string) => string): number | null {
  const resets = series
    .filter((one) => account(one.provider) === provider && one.bar === bar)
    .flatMap((one) => one.points.map((point) => (point.resets_at ? Date.parse(point.resets_at) : Number.NaN)))
    .filter(Number.isFinite);
  return resets.length === 0 ? null : Math.max(...resets);
}

/** The periods in which a bar was read at 100%: the limits the history really hit, on the plan it was on. */
function findObservedLimits(series: readonly BarSeries[], account: (provider: string) => string): ObservedLimit[] {
  const limits = new Map<string, ObservedLimit & { seen: Set<string> }>();
  for (const one of series) {
    if (!isPricedBar(one.bar)) continue;
    const provider = account(one.provider);
    const key = `${provider}\u0000${one.bar}`;
    const entry = limits.get(key) ?? { provider, bar: one.bar, periods_at_limit: 0, seen: new Set<string>() };
    for (const point of one.points)
      if (point.used_pct >= 100 && !entry.seen.has(point.resets_at ?? point.at)) {
        entry.seen.add(point.resets_at ?? point.at);
        entry.periods_at_limit += 1;
      }
    limits.set(key, entry);
  }
  return [...limits.values()].map(({ seen: _seen, ...limit }) => limit);
}
