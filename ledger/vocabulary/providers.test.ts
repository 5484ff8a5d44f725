// The providers' descriptors: what every layer reads a provider's names, protocol and back ends from.
import { BUILT_IN_CATALOG } from './index.js';
import { describe, expect, it } from 'vitest';
import { findHeaderFamilyProvider, listBackendPresets, PROTOCOLS, PROVIDERS } from './index.js';

describe('the built-in providers', () => {
  it('have unique ids, each speaking a known protocol', () => {
    const ids = PROVIDERS.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const provider of PROVIDERS) expect(PROTOCOLS).toContain(provider.protocol);
  });
  it('declare the proxy presets once, each with the provider its rows belong to', () => {
    expect(listBackendPresets(BUILT_IN_CATALOG).map((entry) => `${entry.name}:${entry.provider}`)).toEqual([
      'anthropic:claude',
      'openai:codex',
      'chatgpt:codex',
      'glm:glm',
      'gemini:gemini',
      'code-assist:gemini',
    ]);
  });
  it("charge header bars to the family's provider, and refuse a family no provider declares, naming it", () => {
    expect([findHeaderFamilyProvider('codex'), findHeaderFamilyProvider('anthropic')]).toEqual(['codex', 'claude']);
    expect(() => findHeaderFamilyProvider('x')).toThrow(
      /^no provider declares the rate-limit header family "x": expected one of anthropic, codex/,
    );
  });
});
