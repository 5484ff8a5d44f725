// What the built-in descriptors say of a provider, asked by what another floor holds: a screen, a ccusage report, a model
// (a declared provider has none of these fields, so the built-ins alone answer).
import { PROVIDERS, type ProviderDescriptor } from './providers.js';

/** The provider whose own screen a snapshot format is (`codex-status` -> `codex`), or null. */
export function findScreenProvider(format: string): string | null {
  return PROVIDERS.find((provider) => provider.screens?.includes(format))?.id ?? null;
}

/** The provider with screens that a provider id is named after (`codex-work`, `claude+glm`: that one's account), or null. */
export function findScreenFamily(provider: string): string | null {
  const named = (id: string) => provider.startsWith(id) && !/^[a-z0-9]/.test(provider.slice(id.length));
  return PROVIDERS.find(({ id, screens }) => screens !== undefined && named(id))?.id ?? null;
}

/** The provider a ccusage report is (by its cost field, or `blocks`), or null. */
export function findCcusageProvider(report: 'totalCost' | 'costUSD' | 'blocks'): string | null {
  const owns = (provider: ProviderDescriptor) =>
    report === 'blocks' ? provider.ccusage?.blocks === true : provider.ccusage?.costField === report;
  return PROVIDERS.find(owns)?.id ?? null;
}

/** The provider a model is the account of whatever protocol carries it (`glm-4.6` -> `glm`), or null. */
export function findModelProvider(model: string): string | null {
  return PROVIDERS.find((provider) => provider.models?.test(model))?.id ?? null;
}
