// A data dir's providers.json pairs an existing agent CLI with a provider the package does not know, checked for fit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProvider } from '../ledger/vocabulary/index.js';
import { loadProfiles } from '../runner/index.js';
import { loadProviderCatalog } from './load-provider-catalog.js';

/** DeepSeek's Anthropic-compatible API (api-docs.deepseek.com/guides/anthropic_api), billed per token: no plan. */
function deepseekWith(driver: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pair-'));
  const deepseek = {
    protocol: 'anthropic-messages',
    url: 'https://api.deepseek.com/anthropic',
    auth_env: 'DEEPSEEK_API_KEY',
    agent: { driver, model: 'deepseek-chat', billing: 'per-token' },
    prices: { 'deepseek-chat': { input: 0.28, output: 0.42, cache_read: 0.028 } },
  };
  writeFileSync(join(dir, 'providers.json'), JSON.stringify({ providers: { deepseek } }));
  return dir;
}

describe('a profile is CLI x provider', () => {
  it('runs Claude Code on a provider no built-in declares (DeepSeek), the pair checked by protocol', () => {
    const catalog = loadProviderCatalog(deepseekWith('claude'));
    expect(findProvider(catalog, 'deepseek')?.protocol).toBe('anthropic-messages');
    expect(loadProfiles(catalog).deepseek).toMatchObject({ driver: 'claude', model: 'deepseek-chat', upstream: 'deepseek' });
  });
  it("refuses a CLI that cannot speak the provider's protocol, naming the file, both and what each speaks", () => {
    const dir = deepseekWith('codex');
    expect(() => loadProviderCatalog(dir)).toThrow(
      'agent CLI codex speaks openai-responses; provider deepseek speaks anthropic-messages: pair deepseek with a CLI that speaks anthropic-messages',
    );
    try {
      loadProviderCatalog(dir);
    } catch (error) {
      expect((error as { where?: string }).where).toBe(`${join(dir, 'providers.json')}: providers.deepseek.agent.driver`);
    }
  });
});
