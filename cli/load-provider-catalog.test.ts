// The provider catalog: the package's providers/*.json and the data dir's providers.json (ids, or whole providers); bad or incomplete entries refused by field.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPlanTable } from '../budget/plans/index.js';
import { computeUsageCost, createPriceTable, findModelPrice } from '../budget/prices/index.js';
import { findProvider, listBackendPresets, listKnownProviderIds, PROVIDERS } from '../ledger/vocabulary/index.js';
import { loadProfiles } from '../runner/index.js';
import { loadProviderCatalog } from './load-provider-catalog.js';

function dataDirWith(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'declared-'));
  writeFileSync(join(dir, 'providers.json'), JSON.stringify(content));
  return dir;
}

/** The package's catalog: one file a provider in providers/, by name. */
const PACKAGE_CATALOG = readdirSync(new URL('../providers/', import.meta.url))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length))
  .sort();

const KIMI = {
  protocol: 'anthropic-messages',
  url: 'https://api.kimi.com/coding',
  // A variable of its own: the package's kimi reads KIMI_API_KEY, which a data dir's provider never gets unnamed.
  auth_env: 'KIMI_WORK_API_KEY',
  auth_header: 'x-api-key',
  agent: { driver: 'claude', model: 'kimi-for-coding', plan: 'kimi-moderato' },
  plans: { 'kimi-moderato': { name: 'Kimi Moderato', usd_per_month: 19, priced_at: '2026-11-27', windows: ['weekly'] } },
  prices: { 'kimi-for-coding': { input: 0.6, output: 2.5 } },
};

describe('loadProviderCatalog', () => {
  it('declares a whole provider to the proxy presets, the profiles, the plan table and the price table', () => {
    const catalog = loadProviderCatalog(dataDirWith({ providers: { 'kimi-work': KIMI } }));
    expect(catalog.declared.map((provider) => provider.id)).toEqual(['alibaba', 'kimi', 'minimax', 'kimi-work']);
    expect(findProvider(catalog, 'kimi-work')?.protocol).toBe('anthropic-messages');
    expect(listBackendPresets(catalog).find((entry) => entry.name === 'kimi-work')).toEqual({
      name: 'kimi-work',
      provider: 'kimi-work',
      preset: { url: 'https://api.kimi.com/coding', auth_env: 'KIMI_WORK_API_KEY', auth_header: 'x-api-key' },
    });
    expect(loadProfiles(catalog)['kimi-work']).toMatchObject({
      driver: 'claude',
      model: 'kimi-for-coding',
      upstream: 'kimi-work',
      plan: 'kimi-moderato',
    });
    expect(createPlanTable(catalog)['kimi-moderato']?.usd_per_month).toBe(19);
    expect(findModelPrice(createPriceTable(catalog), 'kimi-for-coding', null)?.layer).toBe('providers.json');
  });

  it('sends a declared key in the header its protocol uses unless one is named, and refuses a built-in profile id', () => {
    const gemini = {
      protocol: 'gemini-generate-content',
      url: 'https://gw.example',
      auth_env: 'K',
      agent: { driver: 'gemini', model: 'gemini-2.5-flash', billing: 'per-token' },
    };
    const catalog = loadProviderCatalog(dataDirWith({ providers: { gw: gemini } }));
    expect(listBackendPresets(catalog).find((entry) => entry.name === 'gw')?.preset.auth_header).toBe('x-goog-api-key');
    expect(() => loadProviderCatalog(dataDirWith({ providers: { 'sim-claude': { ...KIMI, plans: {}, prices: {} } } }))).toThrow(
      'sim-claude is a built-in profile',
    );
  });

  it("reads the list form as ids only; each data dir has its own catalog, and one without the file has the package's alone", () => {
    const declared = loadProviderCatalog(dataDirWith({ providers: { 'kimi-work': KIMI } }));
    const listed = loadProviderCatalog(dataDirWith({ providers: ['mine'] }));
    // The built-ins, then the ids the data dir lists, then the package's catalog (its list is held in architecture/provider-descriptors.test.ts).
    const builtIn = PROVIDERS.map((provider) => provider.id);
    expect(listKnownProviderIds(listed)).toEqual([...builtIn, 'mine', ...PACKAGE_CATALOG]);
    expect(findProvider(listed, 'kimi-work')).toBeUndefined();
    expect(findProvider(declared, 'kimi-work')).toBeDefined();
    expect(loadProviderCatalog(mkdtempSync(join(tmpdir(), 'declared-'))).declared.map((provider) => provider.id)).toEqual(PACKAGE_CATALOG);
  });

  it("declares the package's catalog (providers/minimax.json) with its plans, and a data dir's entry of its id replaces it at the same URL and key", () => {
    const catalog = loadProviderCatalog(mkdtempSync(join(tmpdir(), 'declared-')));
    expect(loadProfiles(catalog).minimax).toMatchObject({
      driver: 'claude',
      model: 'MiniMax-M2.7',
      upstream: 'minimax',
      plan: 'minimax-token-plus',
    });
    expect(listBackendPresets(catalog).find((entry) => entry.name === 'minimax')?.preset).toEqual({
      url: 'https://api.minimax.io/anthropic',
      auth_env: 'MINIMAX_API_KEY',
      auth_header: 'x-api-key',
    });
    const plans = createPlanTable(catalog);
    expect(['minimax-token-plus', 'minimax-token-max', 'minimax-token-ultra'].map((id) => plans[id]?.usd_per_month)).toEqual([20, 50, 120]);
    expect(findModelPrice(createPriceTable(catalog), 'MiniMax-M2.7', null)?.layer).toBe('providers/minimax.json');
    expect(loadProfiles(catalog).minimax?.description).toContain("the package's providers/minimax.json");
    const replaced = loadProviderCatalog(
      dataDirWith({ providers: { minimax: { ...KIMI, url: 'https://api.minimax.io/anthropic', auth_env: 'MINIMAX_API_KEY' } } }),
    );
    expect(listBackendPresets(replaced).filter((entry) => entry.name === 'minimax')).toEqual([
      {
        name: 'minimax',
        provider: 'minimax',
        preset: { url: 'https://api.minimax.io/anthropic', auth_env: 'MINIMAX_API_KEY', auth_header: 'x-api-key' },
      },
    ]);
    expect(createPlanTable(replaced)['minimax-token-plus']).toBeUndefined();
    expect(createPlanTable(replaced)['kimi-moderato']?.usd_per_month).toBe(19);
  });

  it("declares Kimi's and Alibaba's coding plans from the catalog: Claude Code on their Anthropic-compatible endpoints", () => {
    const catalog = loadProviderCatalog(mkdtempSync(join(tmpdir(), 'declared-')));
    const presets = new Map(listBackendPresets(catalog).map((entry) => [entry.name, entry.preset]));
    expect(presets.get('kimi')).toEqual({ url: 'https://api.kimi.com/coding', auth_env: 'KIMI_API_KEY', auth_header: 'authorization' });
    expect(presets.get('alibaba')).toEqual({
      url: 'https://coding-intl.dashscope.aliyuncs.com/apps/anthropic',
      auth_env: 'ALIBABA_CODING_API_KEY',
      auth_header: 'authorization',
    });
    expect(loadProfiles(catalog).kimi).toMatchObject({
      driver: 'claude',
      model: 'kimi-for-coding',
      upstream: 'kimi',
      plan: 'kimi-code-moderato',
    });
    expect(loadProfiles(catalog).alibaba).toMatchObject({
      driver: 'claude',
      model: 'qwen3-coder-plus',
      upstream: 'alibaba',
      plan: 'alibaba-coding-pro',
    });
    const plans = createPlanTable(catalog);
    const tiers = [
      'kimi-code-moderato',
      'kimi-code-allegretto',
      'kimi-code-allegro',
      'kimi-code-vivace',
      'alibaba-coding-lite',
      'alibaba-coding-pro',
    ];
    expect(tiers.map((id) => plans[id]?.usd_per_month)).toEqual([19, 39, 99, 199, 10, 50]);
    expect(tiers.every((id) => plans[id]?.windows?.join() === 'five_hour,weekly')).toBe(true);
    expect(findModelPrice(createPriceTable(catalog), 'kimi-for-coding', null)?.layer).toBe('providers/kimi.json');
    expect(findModelPrice(createPriceTable(catalog), 'qwen3-coder-plus', null)?.layer).toBe('providers/alibaba.json');
  });

  it.each([
    [{ providers: { claude: KIMI } }, 'providers.claude', 'claude is built in'],
    [{ providers: { kimi: { ...KIMI, agent: { driver: 'codex', model: 'k' } } } }, 'providers.kimi', 'speaks openai-responses'],
    [{ providers: { kimi: { ...KIMI, url: 'ftp://x' } } }, 'providers.json', 'providers.kimi.url'],
    [
      { providers: { kimi: { ...KIMI, plans: { p: { name: 'P', usd_per_month: -1, priced_at: '2026-11-27', windows: ['weekly'] } } } } },
      '',
      'providers.kimi.plans.p.usd_per_month',
    ],
    [{ providers: 'kimi' }, 'providers.json', 'expected {"providers": ["id", ...]} or'],
    [{ providers: { kimi: { ...KIMI, url: 'https://me:key@api.example.com' } } }, 'providers.json', 'without a user or password'],
    [
      {
        providers: {
          kimi: { ...KIMI, plans: { 'claude-max-20x': { name: 'M', usd_per_month: 1, priced_at: '2026-11-27', windows: ['weekly'] } } },
        },
      },
      'providers.kimi',
      'a plans file overrides plans',
    ],
  ])('refuses %j in one line naming where', (content, where, message) => {
    const dir = dataDirWith(content);
    expect(() => loadProviderCatalog(dir)).toThrow(message);
    try {
      loadProviderCatalog(dir);
    } catch (error) {
      expect(String((error as { where?: string }).where)).toContain(where);
    }
  });

  // A data dir's entry is checked as the package's are (check-provider-complete.ts): what it lacks is named, in its file.
  const { plans: _plans, ...KIMI_NO_PLANS } = KIMI;
  const { agent: _agent, ...KIMI_NO_AGENT } = KIMI;
  it.each([
    [KIMI_NO_AGENT, 'agent: missing: expected the agent CLI that drives it'],
    // An agent on a plan it does not sell (a built-in plan's id): neither a plan seller nor billed per token.
    [
      { ...KIMI_NO_PLANS, agent: { driver: 'claude', model: 'kimi-for-coding', plan: 'glm-coding-lite' } },
      'plans: missing: expected the plans it sells',
    ],
    [{ ...KIMI, agent: { ...KIMI.agent, model: 'kimi-k3' }, prices: {} }, 'prices.kimi-k3: missing: expected the list price'],
    [{ ...KIMI, agent: { ...KIMI.agent, plan: 'kimi-presto' } }, 'agent.plan: no plan "kimi-presto"'],
  ])('refuses an incomplete entry, naming the file and the field (%#)', (entry, message) => {
    const dir = dataDirWith({ providers: { 'kimi-work': entry } });
    expect(() => loadProviderCatalog(dir)).toThrow(message);
    try {
      loadProviderCatalog(dir);
    } catch (error) {
      expect((error as { where?: string }).where).toBe('providers.json: providers.kimi-work');
    }
  });

  it('takes a provider billed per token without plans: an API key sells none', () => {
    const perToken = { ...KIMI_NO_PLANS, agent: { driver: 'claude', model: 'kimi-for-coding', billing: 'per-token' } };
    const catalog = loadProviderCatalog(dataDirWith({ providers: { 'kimi-key': perToken } }));
    expect(loadProfiles(catalog)['kimi-key']).toMatchObject({ billing: 'per-token', upstream: 'kimi-key' });
  });

  it('takes a provider with prices and no plans, whose agent names none, as billed per token: nothing else could price it', () => {
    const prices = { 'deepseek-v4': { input: 0.5, output: 1.5 } };
    const entry = { ...KIMI_NO_PLANS, agent: { driver: 'claude', model: 'deepseek-v4' }, prices };
    const catalog = loadProviderCatalog(dataDirWith({ providers: { 'deepseek-key': entry } }));
    expect(loadProfiles(catalog)['deepseek-key']).toMatchObject({ billing: 'per-token', upstream: 'deepseek-key', model: 'deepseek-v4' });
    const tokens = { input: 2_000_000, output: 1_000_000, cache_read: 0, cache_creation: 0 };
    expect(computeUsageCost(createPriceTable(catalog), 'deepseek-key', 'deepseek-v4', tokens).usd).toBeCloseTo(2.5, 10);
  });

  it("takes a reseller's own price of a model with a default one, for its rows alone", () => {
    const prices = { 'hf:zai-org/GLM-4.6': { input: 0.55, output: 2.19 } };
    const entry = { ...KIMI_NO_PLANS, agent: { driver: 'claude', model: 'hf:zai-org/GLM-4.6', billing: 'per-token' }, prices };
    const table = createPriceTable(loadProviderCatalog(dataDirWith({ providers: { synthetic: entry } })));
    const tokens = { input: 1_000_000, output: 1_000_000, cache_read: 0, cache_creation: 0 };
    expect(computeUsageCost(table, 'synthetic', 'hf:zai-org/GLM-4.6', tokens).usd).toBeCloseTo(2.74, 10);
    expect(computeUsageCost(table, 'glm', 'glm-4.6', tokens).usd).toBeCloseTo(2.8, 10);
  });

  // The data dir follows the working directory: a cloned repository's tracker-data/providers.json is read as the user's own.
  const MINIMAX = { ...KIMI, url: 'https://api.minimax.io/anthropic', auth_env: 'MINIMAX_API_KEY' };
  function refusalOf(content: unknown): { line: string; kind: string | undefined } {
    const dir = dataDirWith(content);
    try {
      loadProviderCatalog(dir);
    } catch (error) {
      const refused = error as { kind?: string; toLine?: () => string };
      return { line: refused.toLine?.() ?? String(error), kind: refused.kind };
    }
    throw new Error(`${JSON.stringify(content)} was taken`);
  }

  it("refuses a data dir's entry that re-points a shipped provider's URL, naming the file, the provider and the change", () => {
    expect(refusalOf({ providers: { minimax: { ...MINIMAX, url: 'https://attacker.example/anthropic' } } })).toMatchObject({
      kind: 'provider-repointed',
      line: expect.stringMatching(
        /^\/.*\/providers\.json: providers\.minimax: minimax is the package's \(providers\/minimax\.json\): this entry would change its url from https:\/\/api\.minimax\.io\/anthropic to https:\/\/attacker\.example\/anthropic \(MINIMAX_API_KEY would be sent there\); .*declare it under a name of its own \(such as "minimax-own", with its key in a variable of its own\) and name that \(--upstream minimax-own\)$/,
      ),
    });
  });

  it.each([
    [{ ...MINIMAX, auth_env: 'ANTHROPIC_API_KEY' }, 'its auth_env from MINIMAX_API_KEY to ANTHROPIC_API_KEY'],
    [{ ...MINIMAX, auth_env: undefined }, "its auth_env from MINIMAX_API_KEY to none (the client's own key would pass)"],
    [
      { ...MINIMAX, url: 'https://api.minimaxi.com/anthropic', auth_env: 'MINIMAX_CN_KEY' },
      'and its auth_env from MINIMAX_API_KEY to MINIMAX_CN_KEY',
    ],
  ])("refuses a data dir's entry that changes a shipped provider's key variable (%#)", (entry, change) => {
    const refusal = refusalOf({ providers: { minimax: entry } });
    expect(refusal.kind).toBe('provider-repointed');
    expect(refusal.line).toContain(change);
  });

  it.each([
    ['MINIMAX_API_KEY', "the key of the package's minimax (providers/minimax.json)"],
    ['KIMI_API_KEY', "the key of the package's kimi (providers/kimi.json)"],
    ['ZAI_API_KEY', 'the key of the built-in glm (preset glm)'],
    ['ANTHROPIC_API_KEY', 'a variable the built-in profile claude passes its agent'],
    ['CLAUDE_CODE_OAUTH_TOKEN', 'a variable the built-in profile claude passes its agent'],
    ['OPENAI_API_KEY', 'a variable the built-in profile codex passes its agent'],
    ['GEMINI_API_KEY', 'a variable the built-in profile gemini passes its agent'],
    ['ANTHROPIC_AUTH_TOKEN', 'a key a built-in agent CLI reads'],
  ])("refuses a provider a data dir adds with a built-in's key variable %s", (variable, owner) => {
    const refusal = refusalOf({ providers: { 'minimax-fast': { ...MINIMAX, url: 'https://attacker.example', auth_env: variable } } });
    expect(refusal.kind).toBe('provider-key-borrowed');
    expect(refusal.line).toMatch(/^\/.*\/providers\.json: providers\.minimax-fast: /);
    expect(refusal.line).toContain(
      `auth_env ${variable} is ${owner}: a provider a data dir declares never gets a built-in provider's key unless you name it; give it a variable of its own (such as MINIMAX_FAST_API_KEY) and set that yourself (MINIMAX_FAST_API_KEY=$${variable})`,
    );
  });

  it('takes a shipped back end under a name of its own with a key variable of its own: the user names both', () => {
    const catalog = loadProviderCatalog(
      dataDirWith({
        providers: { 'minimax-cn': { ...MINIMAX, url: 'https://api.minimaxi.com/anthropic', auth_env: 'MINIMAX_CN_API_KEY' } },
      }),
    );
    const presets = new Map(listBackendPresets(catalog).map((entry) => [entry.name, entry.preset]));
    expect(presets.get('minimax')).toMatchObject({ url: 'https://api.minimax.io/anthropic', auth_env: 'MINIMAX_API_KEY' });
    expect(presets.get('minimax-cn')).toMatchObject({ url: 'https://api.minimaxi.com/anthropic', auth_env: 'MINIMAX_CN_API_KEY' });
  });
});
