// The pre-registered primary result: each pair's AB/BA crossover on the share gap, Holm over the pairs: pure.
import { toShareSubjects, type ShareGapPair } from '../metrics/pair-share-gaps.js';
import { adjustHolm } from '../stats/adjust-holm.js';
import { analyzeCrossover } from '../stats/crossover-grizzle.js';
import { convertGapToRatio } from '../stats/efficiency-share.js';
import type { PrimaryContrast, PrimaryResult } from './compute-primary-result.js';

/** What the method line says. */
export const SHARE_PRIMARY_METHOD =
  "each pair's AB/BA crossover (Grizzle) on the per-task share gap, with the pair's own variance, Holm-adjusted over the pairs";

/**
 * For each pair, the tasks both ran: y1 = the share of the provider that ran first, y2 = 1 - y1, so Grizzle's
 * treatment estimate is the period-adjusted mean share gap A - B, with the pair's own residual variance (no
 * variance pooled across providers whose spreads differ). p-values are Holm-adjusted over the m pairs and the
 * intervals are Bonferroni (each at 1 - alpha/m), so they hold together. `relative` is the ratio the mean gap
 * reads as ((1 + g) / (1 - g) - 1): a reading aid, never an estimate of the ratio of means.
 */
export function computeSharePrimary(pairs: readonly ShareGapPair[], alpha: number, unit: string | null): PrimaryResult {
  const m = Math.max(1, pairs.length);
  const fitted = pairs.map((pair) => fitPair(pair, alpha, m));
  const holm = adjustHolm(fitted.map((fit) => (fit.p === null ? Number.NaN : fit.p)));
  const contrasts: PrimaryContrast[] = fitted.map((fit, index) => {
    const adjusted = holm[index] as number;
    return { ...fit, p_adjusted: fit.p === null || Number.isNaN(adjusted) ? null : adjusted };
  });
  const tasks = Math.max(0, ...pairs.map((pair) => pair.tasks.length));
  const base = { method: SHARE_PRIMARY_METHOD, tasks, unit, contrasts };
  if (contrasts.every((contrast) => contrast.estimate === null))
    return { ...base, leader: null, best: null, indistinguishable: [], na: contrasts[0]?.na ?? 'the plan has fewer than two providers' };
  const providers = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))];
  const best = chooseBest(providers, contrasts);
  const beats = (who: string, other: string): boolean =>
    contrasts.some(
      (c) =>
        ((c.a === who && c.b === other) || (c.a === other && c.b === who)) &&
        c.p_adjusted !== null &&
        c.p_adjusted < alpha &&
        c.estimate !== null &&
        (c.a === who ? c.estimate > 0 : c.estimate < 0),
    );
  const indistinguishable = best === null ? [] : providers.filter((provider) => provider !== best && !beats(best, provider));
  return { ...base, leader: best !== null && indistinguishable.length === 0 ? best : null, best, indistinguishable, na: null };
}

function fitPair(pair: ShareGapPair, alpha: number, m: number): Omit<PrimaryContrast, 'p_adjusted'> {
  const blank = { a: pair.a, b: pair.b, estimate: null, low: null, high: null, p: null, relative: null };
  const ab = pair.tasks.filter((task) => task.sequence === 'AB').length;
  const ba = pair.tasks.length - ab;
  if (ab < 1 || ba < 1 || pair.tasks.length < 3)
    return { ...blank, na: `the AB/BA analysis needs a task in each order and 3 in all (${pair.a} first: ${ab}, ${pair.b} first: ${ba})` };
  const subjects = toShareSubjects(pair);
  const single = analyzeCrossover(subjects, { alpha }).treatment;
  const joint = m > 1 ? analyzeCrossover(subjects, { alpha: alpha / m }).treatment : single;
  const finite = Number.isFinite(single.estimate);
  const na = single.na ?? null;
  const ratio = finite ? convertGapToRatio(single.estimate) : null;
  return {
    a: pair.a,
    b: pair.b,
    estimate: finite ? single.estimate : null,
    low: na ? null : joint.ciLow,
    high: na ? null : joint.ciHigh,
    p: na ? null : single.p,
    relative: ratio === null ? null : ratio - 1,
    na: na ? `no interval for ${pair.a} - ${pair.b}: ${na}` : null,
  };
}

/** The provider with the highest mean gap against all the others it was paired with. */
function chooseBest(providers: readonly string[], contrasts: readonly PrimaryContrast[]): string | null {
  let best: string | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const provider of providers) {
    const gaps = contrasts
      .filter((c) => c.estimate !== null && (c.a === provider || c.b === provider))
      .map((c) => (c.a === provider ? (c.estimate as number) : -(c.estimate as number)));
    if (gaps.length === 0) continue;
    const score = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    if (score > bestScore) [best, bestScore] = [provider, score];
  }
  return best;
}

/**
 * The pair the verdict names, the provider ahead first: the leader against its closest rival (the largest
 * adjusted p among its contrasts); else the first pair that differs at alpha; else the best provider against
 * the one nearest to being told apart from it. The chart, the power and the epochs sections follow it.
 */
export function chooseVerdictPair(primary: PrimaryResult, providers: readonly string[], alpha: number): [string, string] | null {
  // Two providers: the one pair, in the order the plan (or --providers) gives it.
  if (providers.length === 2) return [providers[0] as string, providers[1] as string];
  const orient = (c: PrimaryContrast): [string, string] => ((c.estimate ?? 0) >= 0 ? [c.a, c.b] : [c.b, c.a]);
  const best = primary.best;
  const own = best === null ? [] : primary.contrasts.filter((c) => (c.a === best || c.b === best) && c.p_adjusted !== null);
  const sorted = [...own].sort((x, y) => (x.p_adjusted as number) - (y.p_adjusted as number));
  if (primary.leader !== null && sorted.length > 0) return orient(sorted.at(-1) as PrimaryContrast);
  const differing = primary.contrasts.find((c) => c.p_adjusted !== null && c.p_adjusted < alpha && c.estimate !== null);
  if (differing) return orient(differing);
  if (sorted.length > 0) {
    const nearest = sorted[0] as PrimaryContrast;
    return [best as string, nearest.a === best ? nearest.b : nearest.a];
  }
  return null;
}

/**
 * The contest a verdict still waits on, best provider first: the best provider against the rival nearest to
 * being told apart from it among those it does not yet beat (the leader's closest rival when there is a
 * leader). "Tasks needed" is computed for this pair, so it names the comparison that more tasks would settle.
 */
export function chooseOpenContest(primary: PrimaryResult, alpha: number): [string, string] | null {
  const best = primary.best;
  if (best === null) return null;
  const own = primary.contrasts.filter((c) => (c.a === best || c.b === best) && c.p_adjusted !== null);
  const open = own.filter((c) => (c.p_adjusted as number) >= alpha);
  const pool = open.length > 0 ? open : own;
  const sorted = [...pool].sort((x, y) => (x.p_adjusted as number) - (y.p_adjusted as number));
  const chosen = open.length > 0 ? sorted[0] : sorted.at(-1);
  if (!chosen) return null;
  return [best, chosen.a === best ? chosen.b : chosen.a];
}
