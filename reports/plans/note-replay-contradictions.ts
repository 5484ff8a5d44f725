// Where the replay of the plan held fills a bar fewer times than the history saw it full: said beside the advice (pure).
import type { PlansAdvice } from './advise-plans.js';

/**
 * A bar read at 100% in more periods than the replay of the plan it was on fills it: the replay misses use that the
 * bars saw (another client on the account, refusals the history did not record) or sizes the bar too large, so its
 * hits and hours for every portfolio are likely low. One note per account and bar.
 */
export function noteReplayContradictions(
  advice: Pick<PlansAdvice, 'accounts'>,
  observed: readonly { provider: string; bar: string; periods_at_limit: number }[],
): string[] {
  const notes: string[] = [];
  for (const limit of observed) {
    if (limit.periods_at_limit === 0) continue;
    const account = advice.accounts.find((one) => one.provider === limit.provider);
    const held = account?.outcomes.find((outcome) => outcome.plan === account.held && outcome.na === null);
    if (!held) continue;
    const replayed = held.hit_windows.filter((window) => window.bar === limit.bar).length;
    if (replayed >= limit.periods_at_limit) continue;
    notes.push(
      `${limit.provider}'s ${limit.bar} bar was read at 100% in ${limit.periods_at_limit} period(s), but the replay of ${held.plan}, the plan held, fills it in ${replayed}: the history misses use the bar saw (another client on the account, refused requests not recorded) or the bar is sized too large, so the hits and hours above are likely too few`,
    );
  }
  return notes;
}
