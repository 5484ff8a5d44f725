// Which pair the verdict, the charts and the power speak of: the leader and its closest rival, else the pair nearest to a decision: pure.
import type { WorkPerDollar } from '../metrics/analyze-work-per-dollar.js';
import type { PairDecision } from '../metrics/decide-ratio-pair.js';

/** How far a pair is from its boundary: its last look's p over the p it needed (lower is closer); open pairs only. */
function distanceToBoundary(pair: PairDecision): number {
  const look = pair.last;
  if (!look || look.p === null) return Number.POSITIVE_INFINITY;
  return look.p / look.threshold;
}

/** `pair` named from `who`'s side: [who, the other]. */
function orient(pair: PairDecision, who: string): [string, string] {
  return pair.a === who ? [pair.a, pair.b] : [pair.b, pair.a];
}

/** The provider a decided pair puts ahead, or null. */
export function findAhead(pair: PairDecision): string | null {
  return pair.outcome === 'a-ahead' ? pair.a : pair.outcome === 'b-ahead' ? pair.b : null;
}

/**
 * The pair the verdict names, the provider ahead first: with two providers the one pair in plan order; the leader
 * against the rival it was decided over last (the closest call); else the first decided pair; else the best
 * provider against the rival nearest to being told apart from it. The chart, the power and the epochs follow it.
 */
export function chooseVerdictPair(primary: WorkPerDollar, providers: readonly string[]): [string, string] | null {
  if (providers.length === 2) return [providers[0] as string, providers[1] as string];
  const { leader } = primary;
  if (leader !== null) {
    const won = primary.pairs.filter((pair) => findAhead(pair) === leader);
    const last = won.reduce<PairDecision | null>((x, y) => (x === null || (y.decided_at ?? 0) >= (x.decided_at ?? 0) ? y : x), null);
    if (last) return orient(last, leader);
  }
  const decided = primary.pairs.find((pair) => findAhead(pair) !== null);
  if (decided) return orient(decided, findAhead(decided) as string);
  return chooseOpenContest(primary);
}

/**
 * The contest a verdict still waits on, best provider first: the best provider against the rival it is not yet
 * decided over that is nearest to its boundary. "Tasks needed" is computed for this pair.
 */
export function chooseOpenContest(primary: WorkPerDollar): [string, string] | null {
  const best = primary.best;
  if (best === null) return null;
  const own = primary.pairs.filter((pair) => (pair.a === best || pair.b === best) && pair.outcome === 'open');
  if (own.length === 0) return null;
  const nearest = own.reduce((x, y) => (distanceToBoundary(y) < distanceToBoundary(x) ? y : x));
  return orient(nearest, best);
}
