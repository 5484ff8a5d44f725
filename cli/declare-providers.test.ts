// The data dir's providers.json: ids only, or whole providers declared to every layer; bad entries refused by field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlanTable } from '../budget/plans/index.js';
import { createPriceTable, findModelPrice } from '../budget/prices/index.js';
import { declareUserProviders, findProvider, listBackendPresets } from '../ledger/vocabulary/index.js';
import { loadProfiles } from '../runner/index.js';
import { declareDataDirProviders } from './declare-providers.js';

function dataDirWith(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'declared-'));
  writeFileSync(join(dir, 'providers.json'), JSON.stringify(content));
  return dir;
}

const KIMI = {
  protocol: 'anthropic-messages',
  url: 'https://api.kimi.com/coding',
  auth_env: 'KIMI_API_KEY',
  auth_header: 'x-api-key',
  agent: { driver: 'claude', model: 'kimi-for-coding', plan: 'kimi-moderato' },
  plans: { 'kimi-moderato': { name: 'Kimi Moderato', usd_per_month: 19, priced_at: '2026-11-27', windows: ['weekly'] } },
  prices: { 'kimi-for-coding': { input: 0.6, output: 2.5 } },
};

afterEach(() => declareUserProviders([]));

describe('declareDataDirProviders', () => {
  it('declares a whole provider to the proxy presets, the profiles, the plan table and the price table', () => {
    expect(declareDataDirProviders(dataDirWith({ providers: { 'kimi-work': KIMI } }))).toEqual(['alibaba', 'kimi', 'minimax', 'kimi-work']);
    expect(findProvider('kimi-work')?.protocol).toBe('anthropic-messages');
    expect(listBackendPresets().find((entry) => entry.name === 'kimi-work')).toEqual({
      name: 'kimi-work',
      provider: 'kimi-work',
      preset: { url: 'https://api.kimi.com/coding', auth_env: 'KIMI_API_KEY', auth_header: 'x-api-key' },
    });
    expect(loadProfiles()['kimi-work']).toMatchObject({
      driver: 'claude',
      model: 'kimi-for-coding',
      upstream: 'kimi-work',
      plan: 'kimi-moderato',
    });
    expect(createPlanTable()['kimi-moderato']?.usd_per_month).toBe(19);
    expect(findModelPrice(createPriceTable(), 'kimi-for-coding')?.layer).toBe('providers.json');
  });

  it('sends a declared key in the header its protocol uses unless one is named, and refuses a built-in profile id at load', () => {
    const gemini = { protocol: 'gemini-generate-content', url: 'https://gw.example', auth_env: 'K' };
    declareDataDirProviders(dataDirWith({ providers: { gw: gemini, 'sim-claude': { ...KIMI, plans: {}, prices: {} } } }));
    expect(listBackendPresets().find((entry) => entry.name === 'gw')?.preset.auth_header).toBe('x-goog-api-key');
    expect(() => loadProfiles()).toThrow('sim-claude is a built-in profile');
  });

  it('reads the list form as ids only, and a data dir without the file declares the catalog alone (a previous one is dropped)', () => {
    declareDataDirProviders(dataDirWith({ providers: { 'kimi-work': KIMI } }));
    expect(declareDataDirProviders(dataDirWith({ providers: ['mine'] }))).toEqual(['mine', 'alibaba', 'kimi', 'minimax']);
    expect(findProvider('kimi-work')).toBeUndefined();
    expect(declareDataDirProviders(mkdtempSync(join(tmpdir(), 'declared-')))).toEqual(['alibaba', 'kimi', 'minimax']);
  });

  it("declares the package's catalog (providers/minimax.json) with its plans, and a data dir's entry of its id replaces it", () => {
    declareDataDirProviders(mkdtempSync(join(tmpdir(), 'declared-')));
    expect(loadProfiles().minimax).toMatchObject({
      driver: 'claude',
      model: 'MiniMax-M2.7',
      upstream: 'minimax',
      plan: 'minimax-token-plus',
    });
    expect(listBackendPresets().find((entry) => entry.name === 'minimax')?.preset).toEqual({
      url: 'https://api.minimax.io/anthropic',
      auth_env: 'MINIMAX_API_KEY',
      auth_header: 'x-api-key',
    });
    const plans = createPlanTable();
    expect(['minimax-token-plus', 'minimax-token-max', 'minimax-token-ultra'].map((id) => plans[id]?.usd_per_month)).toEqual([20, 50, 120]);
    expect(findModelPrice(createPriceTable(), 'MiniMax-M2.7')?.layer).toBe('providers/minimax.json');
    expect(loadProfiles().minimax?.description).toContain("the package's providers/minimax.json");
    declareDataDirProviders(dataDirWith({ providers: { minimax: { ...KIMI, url: 'https://api.minimaxi.com/anthropic' } } }));
    expect(
      listBackendPresets()
        .filter((entry) => entry.name === 'minimax')
        .map((entry) => entry.preset.url),
    ).toEqual(['https://api.minimaxi.com/anthropic']);
    expect(createPlanTable()['minimax-token-plus']).toBeUndefined();
  });

  it("declares Kimi's and Alibaba's coding plans from the catalog: Claude Code on their Anthropic-compatible endpoints", () => {
    declareDataDirProviders(mkdtempSync(join(tmpdir(), 'declared-')));
    const presets = new Map(listBackendPresets().map((entry) => [entry.name, entry.preset]));
    expect(presets.get('kimi')).toEqual({ url: 'https://api.kimi.com/coding', auth_env: 'KIMI_API_KEY', auth_header: 'authorization' });
    expect(presets.get('alibaba')).toEqual({
      url: 'https://coding-intl.dashscope.aliyuncs.com/apps/anthropic',
      auth_env: 'ALIBABA_CODING_API_KEY',
      auth_header: 'authorization',
    });
    expect(loadProfiles().kimi).toMatchObject({ driver: 'claude', model: 'kimi-for-coding', upstream: 'kimi', plan: 'kimi-code-moderato' });
    expect(loadProfiles().alibaba).toMatchObject({
      driver: 'claude',
      model: 'qwen3-coder-plus',
      upstream: 'alibaba',
      plan: 'alibaba-coding-pro',
    });
    const plans = createPlanTable();
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
    expect(findModelPrice(createPriceTable(), 'kimi-for-coding')?.layer).toBe('providers/kimi.json');
    expect(findModelPrice(createPriceTable(), 'qwen3-coder-plus')?.layer).toBe('providers/alibaba.json');
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
    expect(() => declareDataDirProviders(dir)).toThrow(message);
    try {
      declareDataDirProviders(dir);
    } catch (error) {
      expect(String((error as { where?: string }).where)).toContain(where);
    }
  });
});
