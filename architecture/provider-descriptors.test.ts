// Every provider the package declares is complete: a CLI or a profile, a tapped and scripted protocol, list prices, plans (issue 51).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlanTable } from '../budget/plans/index.js';
import { createPriceTable, findModelPrice } from '../budget/prices/index.js';
import { declareDataDirProviders } from '../cli/declare-providers.js';
import { declareUserProviders, listProviders, listProviderTiers, type ProviderDescriptor } from '../ledger/vocabulary/index.js';
import { findScriptedProtocol } from '../model-server/scripted-protocols.js';
import { findProxyProtocol } from '../proxy/protocols/find-proxy-protocol.js';
import { DRIVER_NAMES } from '../runner/drivers/driver.js';
import { loadProfiles, type ProviderProfile } from '../runner/index.js';

// The package's catalog (providers/*.json) declared beside the built-ins, as every command declares it.
declareDataDirProviders(mkdtempSync(join(tmpdir(), 'descriptors-')));
const providers = listProviders();
const profiles = Object.entries(loadProfiles());
const plans = createPlanTable();
const prices = createPriceTable();
afterAll(() => declareUserProviders([]));

/** The profiles whose arms (or sub-agents) spend this provider's account, with the model they send it. */
function findProfilesOn(provider: ProviderDescriptor): { id: string; model: string }[] {
  const reaches = (upstream: string | undefined) => upstream !== undefined && Object.hasOwn(provider.backends, upstream);
  return profiles.flatMap(([id, profile]: [string, ProviderProfile]) => [
    ...(reaches(profile.upstream) || provider.profiles.includes(id) ? [{ id, model: profile.model }] : []),
    ...(profile.subagents && reaches(profile.subagents.upstream) ? [{ id: `${id} (sub-agents)`, model: profile.subagents.model }] : []),
  ]);
}

describe.each(providers.map((provider) => [provider.id, provider] as const))('the provider %s', (_id, provider) => {
  it('speaks a protocol the proxy taps and the scripted server answers', () => {
    expect(findProxyProtocol(provider.protocol).id).toBe(provider.protocol);
    expect(findScriptedProtocol(provider.protocol)).toBeDefined();
  });
  it('is run by a driver of its own or by a profile', () => {
    const driven = provider.cli?.driver !== undefined && (DRIVER_NAMES as readonly string[]).includes(provider.cli.driver);
    expect(driven || findProfilesOn(provider).length > 0).toBe(true);
  });
  it('has a list price for every model its profiles send it', () => {
    const unpriced = findProfilesOn(provider).filter(({ model }) => findModelPrice(prices, model) === null);
    expect(unpriced).toEqual([]);
  });
  it('sells plans the plan table knows, each metering a bar', () => {
    const tiers = listProviderTiers(provider.id);
    expect(tiers.length).toBeGreaterThan(0);
    for (const tier of tiers) expect(plans[tier]?.windows.length ?? 0, tier).toBeGreaterThan(0);
  });
});

describe('the declared providers', () => {
  it('are the built-ins and the catalog', () => {
    expect(providers.map((provider) => provider.id)).toEqual(['claude', 'codex', 'glm', 'gemini', 'alibaba', 'kimi', 'minimax']);
  });
});
