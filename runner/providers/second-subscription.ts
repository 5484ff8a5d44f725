// An arm's second subscription, whichever way its requests reach it: the sub-agent route or the failover chain.
import type { ProviderProfile } from './provider-profile-schema.js';

export interface SecondSubscription {
  /** `subagents`: one model tier's requests go there; `failover`: every request, once the first subscription refuses. */
  via: 'subagents' | 'failover';
  upstream: string;
  model: string;
  /** Whose capacity those requests use: the back end's name in telemetry, the readings' provider. */
  provider: string;
  quota: NonNullable<ProviderProfile['quota']> | undefined;
  plan: string | undefined;
  /** How notes and errors name the requests that go there. */
  label: string;
}

/** The profile's second subscription, or null (a schema refinement keeps a profile from having both). */
export function findSecondSubscription(profile: ProviderProfile): SecondSubscription | null {
  const sub = profile.subagents;
  const entry = sub ?? profile.failover;
  if (!entry) return null;
  return {
    via: sub ? 'subagents' : 'failover',
    upstream: entry.upstream,
    model: entry.model,
    provider: entry.provider,
    quota: entry.quota,
    plan: entry.plan,
    label: sub ? `${sub.model_alias} requests` : 'requests moved on failover',
  };
}
