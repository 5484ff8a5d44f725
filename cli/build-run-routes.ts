// A run's proxy config: one back end and one route per provider, a sub-agent route, a failover portfolio's chain.
import { AppError } from '../kernel/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import type { ScriptedServer } from '../model-server/index.js';
import { ProxyConfigSchema, type ProxyConfig } from '../proxy/index.js';
import type { ProviderProfile } from '../runner/index.js';
import { locateUpstream, sendLogin } from './locate-upstream.js';

/**
 * The scripted server tells accounts by model, not by key; a failover chain's back ends each need a credential of
 * their own (resolve-failover.ts), so the scripted one gets this placeholder, set in the run's proxy environment only.
 */
export const SCRIPTED_ACCOUNT_KEY_ENV = 'TRACKER_SCRIPTED_ACCOUNT_KEY';

/** The run's proxy config, with `where` on the chain's entry so a refusal names the portfolio (`--providers claude>glm`). */
export function buildRunRoutes(
  profiles: ReadonlyMap<string, ProviderProfile>,
  server: ScriptedServer | null,
  catalog: ProviderCatalog,
): ProxyConfig {
  const backends: Record<string, object> = {};
  const routes: object[] = [];
  const place = (provider: string, name: string, backend: object, what: string): void => {
    const taken = backends[name];
    if (taken && JSON.stringify(taken) !== JSON.stringify(backend))
      throw new AppError(
        'BAD_USAGE',
        `provider ${provider} sends its ${what} to back end ${name}, which this run already has with another upstream`,
        {
          where: '--providers',
        },
      );
    backends[name] = backend;
  };
  let portfolio: { provider: string; next: NonNullable<ProviderProfile['failover']> } | null = null;
  // A portfolio's second back end first: a run that also measures it alone sends that arm's requests there the same way.
  for (const [provider, profile] of profiles)
    if (profile.failover) {
      const next = profile.failover;
      const scripted = next.upstream === 'scripted' ? { auth_env: SCRIPTED_ACCOUNT_KEY_ENV } : {};
      place(
        provider,
        next.provider,
        { ...locateUpstream(next.upstream, server, catalog), provider: next.provider, ...scripted },
        'moved requests',
      );
      portfolio = { provider, next };
    }
  for (const [provider, profile] of profiles) {
    const own = { ...locateUpstream(profile.upstream, server, catalog), provider, ...sendLogin(profile) };
    if (!backends[provider]) backends[provider] = own;
  }
  for (const [provider, profile] of profiles) {
    const mine = { 'x-tracker-provider': { exact: provider } };
    const sub = profile.subagents;
    if (sub) {
      // Named after whose capacity it uses, since telemetry's backend_provider is the back end's name (G3 looks for `glm`).
      place(
        provider,
        sub.provider,
        { ...locateUpstream(sub.upstream, server, catalog), provider: sub.provider },
        `${sub.model_alias} requests`,
      );
      // First, so the tier's requests of this provider go to the sub-agent back end; the rest falls to the next rule.
      routes.push({
        name: `${provider}.sub`,
        match: { headers: mine, model_alias: sub.model_alias },
        backend: sub.provider,
        rewrite_model: sub.model,
        subagent: sub.model_alias,
      });
    }
    routes.push({ name: provider, match: { headers: mine }, backend: provider });
  }
  // The proxy's chain starts at its default back end: the portfolio's, whose arm's requests it moves (covers()).
  const config = ProxyConfigSchema.parse({
    backends,
    routes,
    default_backend: portfolio?.provider ?? [...profiles.keys()][0],
    ...(portfolio ? { failover: { chain: [{ backend: portfolio.next.provider, rewrite_model: portfolio.next.model }] } } : {}),
  });
  if (config.failover && portfolio) Object.assign(config.failover, { where: [`--providers ${portfolio.provider}`] });
  return config;
}
