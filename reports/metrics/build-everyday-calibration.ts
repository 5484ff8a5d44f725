// The everyday calibration of a ledger: its bar readings and recorded use over a span, each provider under its plan (pure).
import type { LoginSubscription } from '../../budget/logins/index.js';
import type { PriceTable } from '../../budget/prices/index.js';
import type { BarInputs, ReportWindow, UsageOtelRow, WindowSubscription } from '../../ledger/index.js';
import { isWindowOrProbe } from '../../ledger/vocabulary/index.js';
import { collectBarSeries, listBarKeys } from '../bars/collect-bar-series.js';
import type { BarSeries } from '../bars/bar-types.js';
import { createAccountLabeler, findBaseProvider, listSplitProviders } from '../usage/account-keys.js';
import { joinSessionAccounts } from '../usage/join-session-accounts.js';
import { createUnnamedCount, listAccountsWithoutUse, type UnnamedRows } from './describe-account-gaps.js';
import { createPlanResolver } from './resolve-account-plans.js';
import { selectCountedOtelRows } from '../usage/collect-otel-uses.js';
import { createDayKeyer } from '../usage/period-keys.js';
import type { UsageReading, UsageTelemetry } from '../usage/usage-inputs.js';
import { EVERYDAY_SOURCE_ORDER } from '../usage/usage-sources.js';
import { calibrateEveryday, type EverydayCalibration } from './calibrate-everyday.js';
import type { ProviderCalibration } from './calibrate-provider.js';
import {
  createEverydayUseFold,
  type EverydayUses,
  readOtelTimedUse,
  readProxyTimedUse,
  readReadingTimedUses,
} from './collect-everyday-uses.js';

export interface EverydayLedger {
  bars: BarInputs;
  telemetry: readonly UsageTelemetry[];
  /** The agents' own OpenTelemetry (readUsageOtel): the use of a subscriber who runs no proxy. */
  otel: readonly UsageOtelRow[];
  /** The usage readings (readUsageInputs): Codex's rollouts are timed turns with their bars; the others are not read. */
  readings: readonly UsageReading[];
  /** Completed windows: a provider with no --plan is calibrated under the plan of its last window that has one. */
  windows: readonly Pick<ReportWindow, 'provider' | 'completed_at' | 'subscription'>[];
}

export interface EverydayOptions {
  prices: PriceTable;
  /** Plans given on the command line, by provider: they win over the windows' plans. */
  plans: ReadonlyMap<string, WindowSubscription>;
  /** Only readings and uses in [since, until] (ms; open ends when null). */
  since_ms: number | null;
  until_ms: number | null;
  timeZone: string;
  confidence: number;
  providers: readonly string[];
  /** The plans the agent CLIs' own logins say they are on (budget's resolveLoginPlans): where neither --plan nor a window names one. */
  logins?: readonly LoginSubscription[];
  /**
   * The subscription each provider's readings and use belong to, when it is not the provider's own name: a run's
   * `codex-chatgpt` arms spend the ChatGPT account your own Codex (`tracker quota --provider codex`) reads, so both
   * are calibrated as one series under `codex`. Names absent here are their own account.
   */
  accounts?: ReadonlyMap<string, string>;
}

export interface EverydayResult {
  calibrations: (EverydayCalibration & { plan_from: 'flag' | 'login' | 'window' | null; sources: string[] })[];
  /** Uses left out of the dollars for want of a list price. */
  unpriced: number;
  since: string | null;
  until: string | null;
  /** Rows of a provider with two accounts or more that name none: nobody's, left out (collectEverydayInputs). */
  unnamed?: UnnamedRows[];
  /** Accounts whose bars were read with no use of theirs recorded: not calibrated, each said. */
  without_use?: string[];
}

export function buildEverydayCalibration(ledger: EverydayLedger, options: EverydayOptions): EverydayResult {
  const { series, uses, account, unnamed } = collectEverydayInputs(ledger, options);
  const calibrations = calibrateAccounts({
    series,
    uses,
    windows: ledger.windows,
    plans: options.plans,
    logins: options.logins,
    account,
    confidence: options.confidence,
  });
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    calibrations,
    unpriced: uses.unpriced,
    since: iso(options.since_ms),
    until: iso(options.until_ms),
    unnamed,
    without_use: listAccountsWithoutUse(series, calibrations, account),
  };
}

/**
 * The bar series and the timed use of the span, each under its account (what a calibration and `tracker plans` read).
 * A row that names no account takes the one its session's other rows name (joinSessionAccounts); where a provider's
 * rows name two accounts or more, those still naming none are left out and counted (`unnamed`): shown as the plain
 * provider they would be a third, anonymous account, use without bars or bars without use.
 */
export function collectEverydayInputs(
  everyday: EverydayLedger,
  options: EverydayOptions,
): { series: BarSeries[]; uses: EverydayUses; account: (provider: string) => string; unnamed: UnnamedRows[] } {
  const ledger = joinSessionAccounts(everyday);
  const inSpan = (ms: number): boolean =>
    (options.since_ms === null || ms >= options.since_ms) && (options.until_ms === null || ms <= options.until_ms);
  const subscription = (provider: string): string => options.accounts?.get(provider) ?? provider;
  const asked = new Set(options.providers.map(subscription));
  const wanted = (key: string): boolean => asked.size === 0 || asked.has(subscription(findBaseProvider(key)));

  const dayKey = createDayKeyer(options.timeZone);
  const fold = createEverydayUseFold(EVERYDAY_SOURCE_ORDER, options.prices, (ms) => dayKey(new Date(ms).toISOString()) ?? '');
  // An attempt whose account gave its charges back moved no bar: its requests are left out with its readings.
  const givenBack = new Set(ledger.bars.given_back ?? []);
  const charged = (row: UsageTelemetry): boolean => !row.window_id || givenBack.size === 0 || !isWindowOrProbe(givenBack, row.window_id);
  const timed = [
    ...ledger.telemetry.filter(charged).map(readProxyTimedUse),
    ...selectCountedOtelRows(ledger.otel, dayKey).map(readOtelTimedUse),
    ...readReadingTimedUses(ledger.readings),
  ];
  // One labeler for the bars and the use: a provider's accounts are told apart on both or on neither.
  const keys = [...listBarKeys(ledger.bars), ...timed.flatMap((use) => (use === null ? [] : [use.provider]))];
  const account = createAccountLabeler(keys, subscription);
  const unnamed = createUnnamedCount(listSplitProviders(keys, subscription));
  const series = collectBarSeries(ledger.bars, account)
    .filter((one) => wanted(one.provider))
    .map((one) => ({ ...one, points: one.points.filter((point) => inSpan(Date.parse(point.at))) }))
    .filter((one) => !unnamed.count(one.provider, one.points.length, 0));
  for (const use of timed)
    if (use !== null && wanted(use.provider) && inSpan(use.at_ms) && !unnamed.count(account(use.provider), 0, 1)) fold.add(use);
  return { series, uses: fold.finish(account), account, unnamed: unnamed.list() };
}

export interface AccountsInput {
  /** Each provider's bar series, as read (joined here by account). */
  series: readonly BarSeries[];
  /** The use, by account (the fold's finish with the same `account`). */
  uses: EverydayUses;
  windows: EverydayLedger['windows'];
  /** Plans given on the command line, by provider: they win over the windows' plans. */
  plans: ReadonlyMap<string, WindowSubscription>;
  logins?: readonly LoginSubscription[];
  account: (provider: string) => string;
  confidence: number;
}

/**
 * Each account's calibration: its providers' bar series joined, under the plan of the last window of any of them (a
 * flag's plan wins). `tracker calibrate`, `--calibration readings` and the viewer's Limit changes page all come here.
 */
export function calibrateAccounts(input: AccountsInput): EverydayResult['calibrations'] {
  const series = joinAccountSeries(input.series, input.account);
  // A flag's plan, then a run's windows' (what the run declared), then what the CLI's login says.
  const resolve = createPlanResolver(input);
  const held = new Map(series.map((one) => [one.provider, resolve(one.provider)] as const));
  const plans = new Map([...held].flatMap(([provider, plan]) => (plan ? [[provider, plan.plan] as const] : [])));
  return calibrateEveryday({
    series,
    dollars: input.uses.dollars,
    tokens: input.uses.tokens,
    plans,
    confidence: input.confidence,
  }).map((calibration) => ({
    ...calibration,
    plan_from: held.get(calibration.provider)?.from ?? null,
    sources: [...(input.uses.sources.get(calibration.provider) ?? [])],
  }));
}

/** Each series under its account's name, the series of one account and bar joined in time order. */
function joinAccountSeries(series: readonly BarSeries[], account: (provider: string) => string): BarSeries[] {
  const joined = new Map<string, BarSeries>();
  for (const one of series) {
    const provider = account(one.provider);
    const key = `${provider}\u0000${one.bar}`;
    const held = joined.get(key);
    if (!held) joined.set(key, { ...one, provider });
    else held.points = [...held.points, ...one.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
  return [...joined.values()];
}

/**
 * The known prices of a calibration by provider, a run's provider under its account's price (a `codex-chatgpt` arm
 * priced from the ChatGPT account your own Codex reads as `codex`, a portfolio `A>B` from A's): what the report takes
 * as each plan's price, from `experiment report` and the viewer alike. Each carries its provider's name, so the
 * report's tables and its price comparison find every arm of one account at that account's one price.
 */
export function selectPlanPrices(
  calibrations: readonly EverydayResult['calibrations'][number][],
  accounts: ReadonlyMap<string, string>,
): Map<string, ProviderCalibration> {
  const known = new Map<string, ProviderCalibration>();
  for (const calibration of calibrations) if (calibration.price?.usd_per_list_usd) known.set(calibration.provider, calibration.price);
  for (const [provider, account] of accounts) {
    const price = known.get(account);
    if (price) known.set(provider, { ...price, provider });
  }
  return known;
}
