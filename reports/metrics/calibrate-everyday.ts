// A plan's price and each bar's tokens per 1% from everyday readings and the use recorded between them, no experiment needed (pure).
import type { WindowSubscription } from '../../ledger/index.js';
import { BAR_KINDS, isPricedBar, type PricedBar } from '../../ledger/schemas/index.js';
import type { BarName, BarSeries } from '../bars/bar-types.js';
import { type BarCalibration, type BarSample, calibrateBar } from './calibrate-bars.js';
import { type BarSamples, calibrateBarSamples, type ProviderCalibration } from './calibrate-provider.js';
import { buildEverydaySamples, createUseColumns, findSourceSteps, isUsedBetween, type UseColumns } from './everyday-samples.js';
import { type ReconcileNotes, reconcileBarPoints } from './reconcile-bar-points.js';
import { borrowBarRates, type LendingBar } from './borrow-bar-rates.js';
import { findLatestEra } from './find-rate-era.js';

export interface EverydayInput {
  /** Every bar of every provider over time (collectBarSeries). */
  series: readonly BarSeries[];
  /** Each provider's recorded use in time order: list-price dollars of its own requests. */
  dollars: ReadonlyMap<string, UseColumns>;
  /** The same use in tokens (all kinds), for tokens per 1%. */
  tokens: ReadonlyMap<string, UseColumns>;
  /** Each provider's plan, where known: its price then needs no experiment. */
  plans: ReadonlyMap<string, WindowSubscription>;
  confidence: number;
}

/** Tokens one percent of a bar bought: the reciprocal of % per token, its interval the reciprocals of the ends (null past a 0). */
export interface TokensPerPercent {
  estimate: number;
  low: number | null;
  high: number | null;
}

export interface EverydayBar {
  bar: BarName;
  /** Pairs of readings of one period with recorded use between them. */
  pairs: number;
  /** % of the bar per list-price dollar (null without a pair). */
  per_usd: BarCalibration | null;
  tokens_per_pct: TokensPerPercent | null;
  /** Moves no recorded use explains (see EverydaySamples), and the rate they give (% an hour) taken off every pair. */
  unrecorded_moves: number;
  unrecorded_pct: number;
  background_pct_per_hour: number;
  /** Readings left out before pairing (reconcileBarPoints): coarser sources, stale terminals, near-simultaneous ones. */
  reconciled: ReconcileNotes;
  /** The readings interleave two series (two accounts under one name?): no figure is given from them. */
  two_series: boolean;
  /** The calibrated bar this one's rates were sized through (borrowBarRates), where it has none of its own. */
  borrowed_from?: PricedBar;
  /**
   * The rate stepped (a change of plan, findLatestEra): every figure above is the current era's, from its readings
   * alone; `since` is when it began to show, `before` the tokens per 1% before it.
   */
  era?: { since: string; before: TokensPerPercent | null };
}

export interface EverydayCalibration {
  provider: string;
  plan: string | null;
  bars: EverydayBar[];
  /** $ of subscription per list-price dollar, as a run's calibration gives it; null without a plan. */
  price: ProviderCalibration | null;
}

/** One calibration per provider that has both bar readings and recorded use, by provider name. */
export function calibrateEveryday(input: EverydayInput): EverydayCalibration[] {
  const byProvider = new Map<string, BarSeries[]>();
  for (const series of input.series) byProvider.set(series.provider, [...(byProvider.get(series.provider) ?? []), series]);
  const result: EverydayCalibration[] = [];
  for (const [provider, seriesList] of [...byProvider].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const dollars = input.dollars.get(provider) ?? createUseColumns();
    const tokens = input.tokens.get(provider) ?? createUseColumns();
    if (dollars.at_ms.length === 0 && tokens.at_ms.length === 0) continue;
    // Only the bars a plan prices (bar-kinds.ts: weekly_sonnet is a bar of its own that no plan's price rests on).
    const priced: BarSamples = {};
    const background: Partial<Record<PricedBar, { subtracted: number; moves: number }>> = {};
    // Pairs and moves without use are counted on the tokens, which hold every recorded use; the dollars leave out
    // the uses no list price covers, whose bars' moves were not "without use" (a Codex rollout without its model).
    const unpricedPairs: string[] = [];
    const mixed: string[] = [];
    const lending: LendingBar[] = [];
    const own = seriesList.map((series): EverydayBar => {
      const steps = findSourceSteps(series.points);
      const reconciled = reconcileBarPoints(series.bar, series.points, steps, (from, to) => isUsedBetween(tokens, from, to));
      const points = reconciled.two_series ? [] : reconciled.points;
      lending.push({ bar: series.bar, points, steps, per_usd: null, tokens_per_pct: null, two_series: reconciled.two_series });
      if (reconciled.two_series) mixed.push(BAR_KINDS[series.bar].label);
      const byToken = buildEverydaySamples(series.bar, points, tokens, steps);
      // Moves without use, modelled: the bar's rate of moving while nothing was recorded, taken off every pair for
      // its hours (another client on the account moves the bar during the recorded use too), its error carried.
      const rate = byToken.unrecorded_moves > 0 && byToken.idle_hours > 0 ? byToken.unrecorded_pct / byToken.idle_hours : 0;
      const adjust = (built: ReturnType<typeof buildEverydaySamples>) => removeBackground(built, rate, byToken.unrecorded_moves);
      // A plan changed: the current era's readings alone price it (a blend of two plans would fit neither).
      const era = findLatestEra(byToken.samples, byToken.ends_ms, input.confidence);
      const since = (built: ReturnType<typeof buildEverydaySamples>) =>
        era === null ? built : { ...built, samples: built.samples.filter((_, i) => (built.ends_ms[i] as number) >= era.since_ms) };
      const byDollar = adjust(since(buildEverydaySamples(series.bar, points, dollars, steps)));
      const tokened = adjust(since(byToken));
      if (isPricedBar(series.bar)) {
        priced[series.bar] = byDollar.samples;
        background[series.bar] = byDollar.background;
        if (byDollar.samples.length === 0 && byToken.samples.length > 0 && !reconciled.two_series)
          unpricedPairs.push(BAR_KINDS[series.bar].label);
      }
      return {
        bar: series.bar,
        pairs: byToken.samples.length,
        per_usd: calibrateBar(byDollar.samples, input.confidence, byDollar.background),
        tokens_per_pct: invertRate(calibrateBar(tokened.samples, input.confidence, tokened.background)),
        unrecorded_moves: byToken.unrecorded_moves,
        unrecorded_pct: byToken.unrecorded_pct,
        background_pct_per_hour: rate,
        reconciled: reconciled.notes,
        two_series: reconciled.two_series,
        ...(era ? { era: { since: new Date(era.since_ms).toISOString(), before: invertRate(era.before) } } : {}),
      };
    });
    // One price for every surface: a bar with no rate of its own is sized through one that moved with it, here, where
    // `tracker calibrate`, the report, `tracker plans`, its headroom, the status line's basis and the viewer all read it.
    const borrowed = borrowBarRates(
      lending.map((one, index) => ({ ...one, per_usd: own[index]?.per_usd ?? null, tokens_per_pct: own[index]?.tokens_per_pct ?? null })),
      input.confidence,
    );
    const bars = own.map((bar): EverydayBar => {
      const lent = isPricedBar(bar.bar) ? borrowed.get(bar.bar) : undefined;
      return lent ? { ...bar, per_usd: lent.per_usd, tokens_per_pct: lent.tokens_per_pct, borrowed_from: lent.from } : bar;
    });
    const given = Object.fromEntries([...borrowed].flatMap(([bar, lent]) => (lent.per_usd ? [[bar, lent.per_usd]] : [])));
    const plan = input.plans.get(provider) ?? null;
    const hasPriced = seriesList.some((series) => isPricedBar(series.bar));
    let price = plan && hasPriced ? calibrateBarSamples(provider, plan, priced, input.confidence, 'readings', background, given) : null;
    // A bar that was read but has no pair with use between its readings may be the one that binds: no price from the other.
    const unpaired = seriesList.filter(
      (series) => isPricedBar(series.bar) && (priced[series.bar]?.length ?? 0) === 0 && !borrowed.get(series.bar)?.per_usd,
    );
    if (price && mixed.length > 0)
      price = {
        ...price,
        usd_per_list_usd: null,
        unknown_reason: `${provider}'s cost is unknown: its ${mixed.join(' and ')} bar's readings jump between two series in one period (two accounts under one name?): each account needs a name of its own`,
      };
    else if (price && unpricedPairs.length > 0)
      price = {
        ...price,
        usd_per_list_usd: null,
        unknown_reason: `${provider}'s cost is unknown: every pair of its ${unpricedPairs.join(' and ')} bar's readings holds use with no list price (its model is not in the price table: --prices FILE adds it)`,
      };
    else if (price?.usd_per_list_usd && unpaired.length > 0)
      price = {
        ...price,
        usd_per_list_usd: null,
        unknown_reason: `${provider}'s cost is unknown: its ${unpaired.map((series) => BAR_KINDS[series.bar].label).join(' and ')} bar has readings but no two of them in one period with recorded use between them, and it may be the bar that binds`,
      };
    result.push({ provider, plan: plan?.plan ?? null, bars, price });
  }
  return result;
}

function invertRate(rate: BarCalibration | null): TokensPerPercent | null {
  if (rate === null || !(rate.pct_per_unit > 0)) return null;
  return { estimate: 1 / rate.pct_per_unit, low: rate.high > 0 ? 1 / rate.high : null, high: rate.low > 0 ? 1 / rate.low : null };
}

/** The samples with `rate` x their hours taken off each delta, and what that took off in all (for calibrateBar's interval). */
function removeBackground(
  built: ReturnType<typeof buildEverydaySamples>,
  rate: number,
  moves: number,
): { samples: BarSample[]; background: { subtracted: number; moves: number } | undefined } {
  if (rate <= 0) return { samples: built.samples, background: undefined };
  let subtracted = 0;
  // A pair never moved less than nothing: the background takes at most what the pair moved (no negative price).
  const samples = built.samples.map((sample) => {
    const off = Math.min(Math.max(0, sample.delta), rate * (sample.hours ?? 0));
    subtracted += off;
    return { ...sample, delta: sample.delta - off };
  });
  return { samples, background: { subtracted, moves } };
}
