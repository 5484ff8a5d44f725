// Provider profiles: the built-in ones, the declared providers', a profiles file's; picked by id.
import { readJsonFile } from '../../ledger/index.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { AppError, suggestClosest } from '../../kernel/index.js';
import { BUILTIN_PROFILES } from './builtin-profiles.js';
import { composePortfolio, isPortfolioId } from './compose-portfolio.js';
import { createProfilesFileSchema, createProviderProfileSchema, type ProviderProfile } from './provider-profile-schema.js';

export { BUILTIN_PROFILES, DEFAULT_PROVIDERS } from './builtin-profiles.js';
export { findSecondSubscription, type SecondSubscription } from './second-subscription.js';
export { composePortfolio, isPortfolioId, listPortfolioMembers, PORTFOLIO_SEPARATOR } from './compose-portfolio.js';
export { createProfilesFileSchema, createProviderProfileSchema, type ProviderProfile, type Upstream } from './provider-profile-schema.js';

/** The built-in profiles and the catalog's, overridden and extended by a profiles file (`{"providers": {"id": {...}}}`). */
export function loadProfiles(catalog: ProviderCatalog, file?: string): Record<string, ProviderProfile> {
  const base = { ...BUILTIN_PROFILES, ...listDeclaredProfiles(catalog) };
  if (file === undefined) return base;
  const parsed = readJsonFile(file, createProfilesFileSchema(catalog), { missing: 'no such profiles file', label: 'profiles' });
  return { ...base, ...parsed.providers };
}

/**
 * A profile for each declared provider (the package's catalog, the data dir's providers.json) with an agent: its driver and model through the
 * provider's own back end (a preset of its id, signed in by the proxy when it names a key variable), its plan if given.
 */
export function listDeclaredProfiles(catalog: ProviderCatalog): Record<string, ProviderProfile> {
  const profiles: Record<string, ProviderProfile> = {};
  const schema = createProviderProfileSchema(catalog);
  for (const provider of catalog.declared) {
    if (!provider.agent) continue;
    const where = `${provider.declaredIn}: providers.${provider.id}`;
    if (Object.hasOwn(BUILTIN_PROFILES, provider.id))
      throw new AppError('BAD_INPUT', `${provider.id} is a built-in profile: a declared provider takes a name of its own`, { where });
    const { driver, model, plan, billing } = provider.agent;
    const parsed = schema.safeParse({
      driver,
      model,
      upstream: provider.id,
      ...(plan ? { plan } : {}),
      ...(billing ? { billing } : {}),
      description: `${driver} against ${provider.id}, declared in ${provider.declaredIn === 'providers.json' ? "the data dir's providers.json" : `the package's ${provider.declaredIn}`}`,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_INPUT', `agent.${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { where });
    }
    profiles[provider.id] = parsed.data;
  }
  return profiles;
}

/**
 * The profiles of the providers asked for, in order; an unknown id names the ones there are. An id of the form `A>B`
 * that no profile declares is a failover portfolio composed of A and B (compose-portfolio.ts).
 */
export function pickProfiles(profiles: Record<string, ProviderProfile>, ids: readonly string[]): Map<string, ProviderProfile> {
  const picked = new Map<string, ProviderProfile>();
  for (const id of ids) {
    const profile = profiles[id] ?? (isPortfolioId(id) ? composePortfolio(profiles, id) : undefined);
    if (!profile)
      throw new AppError(
        'BAD_USAGE',
        `no profile for provider ${JSON.stringify(id)}${suggestClosest(id, Object.keys(profiles))}: expected one of ${Object.keys(profiles).join(', ')} (or add it with --profiles FILE)`,
        { where: '--providers' },
      );
    picked.set(id, profile);
  }
  // A run's proxy holds one failover chain (docs/failover.md): a second portfolio would need a chain of its own.
  const portfolios = [...picked].filter(([, profile]) => profile.failover !== undefined).map(([id]) => id);
  if (portfolios.length > 1)
    throw new AppError('BAD_USAGE', `${portfolios.join(' and ')} are both failover portfolios: a run measures one portfolio at a time`, {
      where: '--providers',
    });
  return picked;
}

/** Simulated means the scripted model server answers: say so wherever results are shown. */
export function isSimulated(profile: ProviderProfile): boolean {
  return profile.upstream === 'scripted';
}
