// A failover portfolio named by its chain (`claude>glm`): the first profile's agent, moving to the second's subscription.
import { AppError, suggestClosest } from '../../kernel/index.js';
import { findProfileProtocol } from '../../sources/agents/index.js';
import type { ProviderProfile } from './provider-profile-schema.js';

/** What separates a portfolio's subscriptions in its id, as `tracker plans` names them (`claude>glm`). */
export const PORTFOLIO_SEPARATOR = '>';

/** Whether a provider id names a failover portfolio rather than one profile. */
export function isPortfolioId(id: string): boolean {
  return id.includes(PORTFOLIO_SEPARATOR);
}

/** The providers a portfolio's id names, in order (one for any other id). */
export function listPortfolioMembers(id: string): string[] {
  return id.split(PORTFOLIO_SEPARATOR);
}

/**
 * `A>B`: A's agent, model, upstream, quota and plan, whose requests move to B's back end (with B's model) once A's
 * window refuses, and come back at its reset. Refused, naming the entry: a member no profile has, a chain of other
 * than two (an arm's window prices two subscriptions at most), a member that already prices a second subscription
 * (sub-agents), one billed per token (it has no bars to price), and a B whose back end speaks another API than A's agent.
 */
export function composePortfolio(profiles: Readonly<Record<string, ProviderProfile>>, id: string): ProviderProfile {
  const where = `--providers ${id}`;
  const members = listPortfolioMembers(id);
  if (members.length !== 2 || members.some((member) => member === ''))
    throw new AppError(
      'BAD_USAGE',
      `expected a portfolio of two providers, the first's subscription then the one its work moves to (such as claude>glm), got ${members.length} part(s)`,
      { where },
    );
  const [headId, nextId] = members as [string, string];
  if (headId === nextId) throw new AppError('BAD_USAGE', `${headId} appears twice: a failover portfolio cannot loop`, { where });
  const pick = (member: string): ProviderProfile => {
    const profile = profiles[member];
    if (!profile)
      throw new AppError(
        'BAD_USAGE',
        `no profile for provider ${JSON.stringify(member)}${suggestClosest(member, Object.keys(profiles))}: expected one of ${Object.keys(profiles).join(', ')} (or add it with --profiles FILE)`,
        { where },
      );
    if (profile.subagents !== undefined || profile.failover !== undefined)
      throw new AppError('BAD_USAGE', `${member} already sends some of its requests to a second subscription: a portfolio holds two`, {
        where,
      });
    if (profile.billing === 'per-token')
      throw new AppError('BAD_USAGE', `${member} is billed per token: a portfolio prices each subscription's bars`, { where });
    return profile;
  };
  const head = pick(headId);
  const next = pick(nextId);
  const spoken = findProfileProtocol(head.driver, head.login);
  const theirs = findProfileProtocol(next.driver, next.login);
  if (theirs !== spoken)
    throw new AppError(
      'BAD_USAGE',
      `${nextId}'s back end speaks ${theirs}, but ${headId}'s agent (driver ${head.driver}) speaks ${spoken}: every back end of a portfolio must speak its agent's API`,
      { where },
    );
  return {
    ...head,
    failover: {
      upstream: next.upstream,
      model: next.model,
      provider: nextId,
      ...(next.quota ? { quota: next.quota } : {}),
      ...(next.plan ? { plan: next.plan } : {}),
    },
    description: `${headId}'s subscription, whose work moves to ${nextId}'s when its window is spent and comes back at its reset`,
  };
}
