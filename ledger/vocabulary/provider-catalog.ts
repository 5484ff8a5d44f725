// The provider catalog: the built-in providers with the declared ones, one value built by the CLI and passed to every reader.
import { type BackendPreset, PROVIDERS, type ProviderDescriptor, type UserProvider } from './providers.js';

/**
 * Every provider a command knows: the built-ins (PROVIDERS) and those declared in the package's catalog and the data
 * dir's providers.json (cli/load-provider-catalog.ts builds it once a command, checked; the viewer's reader gets it
 * from the command that starts it). Passed as an argument, never held by a module: two data dirs in one process
 * (the specs, a queue worker) each see their own, and a reader that was not given one cannot silently miss it.
 */
export interface ProviderCatalog {
  /** The declared providers, the package's first, a data dir's entry of a catalog id in place of the catalog's. */
  readonly declared: readonly UserProvider[];
  /** The ids the data dir's providers.json lists in its older form (ids alone): captures accept them, nothing more. */
  readonly listed: readonly string[];
}

/** The built-in providers alone: for tests, and for readers of what only the built-ins declare. */
export const BUILT_IN_CATALOG: ProviderCatalog = Object.freeze({ declared: Object.freeze([]), listed: Object.freeze([]) });

/** The built-in providers, then the declared ones. */
export function listProviders(catalog: ProviderCatalog): readonly ProviderDescriptor[] {
  return catalog.declared.length === 0 ? PROVIDERS : [...PROVIDERS, ...catalog.declared];
}

/** The provider with this id, or undefined. */
export function findProvider(catalog: ProviderCatalog, id: string): ProviderDescriptor | undefined {
  return listProviders(catalog).find((provider) => provider.id === id);
}

/** Every preset name with the provider it reaches, in declaration order. */
export function listBackendPresets(catalog: ProviderCatalog): Array<{ name: string; provider: string; preset: BackendPreset }> {
  return listProviders(catalog).flatMap((provider) =>
    Object.entries(provider.backends).map(([name, preset]) => ({ name, provider: provider.id, preset })),
  );
}

/** The plans a provider sells (its descriptor's tiers, a declared provider's plans), or none. */
export function listProviderTiers(catalog: ProviderCatalog, id: string): readonly string[] {
  const provider = findProvider(catalog, id);
  if (provider === undefined) return [];
  return provider.tiers ?? Object.keys((provider as UserProvider).plans ?? {});
}

/** The ids captures accept without --new-provider: the built-ins', the listed ones, the declared ones. */
export function listKnownProviderIds(catalog: ProviderCatalog): string[] {
  return [...new Set([...PROVIDERS.map((provider) => provider.id), ...catalog.listed, ...catalog.declared.map((provider) => provider.id)])];
}
