// Every provider the package declares is complete: a CLI or a profile, a tapped and scripted protocol, list prices, plans.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlanTable } from '../budget/plans/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import { checkProviderComplete } from '../cli/check-provider-complete.js';
import { loadProviderCatalog } from '../cli/load-provider-catalog.js';
import { listProviders, type UserProvider } from '../ledger/vocabulary/index.js';
import { findScriptedProtocol } from '../model-server/scripted-protocols.js';
import { findProxyProtocol } from '../proxy/protocols/find-proxy-protocol.js';
import { loadProfiles } from '../runner/index.js';

// The package's catalog (providers/*.json) beside the built-ins, as every command builds it for a data dir of its own.
const catalog = loadProviderCatalog(mkdtempSync(join(tmpdir(), 'descriptors-')));
const tables = { catalog, profiles: loadProfiles(catalog), plans: createPlanTable(catalog), prices: createPriceTable(catalog) };

describe.each(listProviders(catalog).map((provider) => [provider.id, provider] as const))('the provider %s', (_id, provider) => {
  it('speaks a protocol the proxy taps and the scripted server answers', () => {
    expect(findProxyProtocol(provider.protocol).id).toBe(provider.protocol);
    expect(findScriptedProtocol(provider.protocol)).toBeDefined();
  });
  it('is run by a driver or a profile, prices what its profiles send, and sells plans the table knows (or bills per token)', () => {
    expect(checkProviderComplete(provider, tables)).toEqual([]);
  });
});

describe('the declared providers', () => {
  it('are the built-ins and the catalog', () => {
    expect(listProviders(catalog).map((provider) => provider.id)).toEqual([
      'claude',
      'codex',
      'glm',
      'gemini',
      'alibaba',
      'kimi',
      'minimax',
    ]);
  });
});

describe('the completeness rules', () => {
  const declare = (fields: Partial<UserProvider>): UserProvider => ({
    id: 'kimi-key',
    protocol: 'anthropic-messages',
    profiles: [],
    backends: { 'kimi-key': { url: 'https://api.kimi.com/coding' } },
    declaredIn: 'providers.json',
    ...fields,
  });
  const check = (provider: UserProvider) => {
    const withIt = { declared: [...catalog.declared, provider], listed: [] };
    return checkProviderComplete(provider, { ...tables, catalog: withIt, profiles: loadProfiles(withIt) });
  };
  it('allow a provider billed per token, which sells no plan', () => {
    expect(check(declare({ agent: { driver: 'claude', model: 'kimi-for-coding', billing: 'per-token' } }))).toEqual([]);
  });
  it('name what a provider on a plan lacks: the plans it sells', () => {
    expect(check(declare({ agent: { driver: 'claude', model: 'kimi-for-coding' } })).map((gap) => gap.field)).toEqual(['plans']);
  });
  it('name a provider nothing runs', () => {
    expect(check(declare({})).map((gap) => gap.field)).toEqual(['agent', 'plans']);
  });
});
