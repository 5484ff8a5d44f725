// The providers' descriptors: what every layer reads a provider's names, protocol and back ends from.
import { BUILT_IN_CATALOG } from './index.js';
import { describe, expect, it } from 'vitest';
import {
  findAgentProvider,
  findDriverProtocol,
  findHeaderFamilyProvider,
  identifyAgent,
  listBackendPresets,
  PROTOCOLS,
  PROVIDERS,
} from './index.js';

describe('the built-in providers', () => {
  it('have unique ids, each speaking a known protocol', () => {
    const ids = PROVIDERS.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const provider of PROVIDERS) expect(PROTOCOLS).toContain(provider.protocol);
  });
  it("give each CLI its protocol, an undeclared driver Anthropic's", () => {
    expect(findDriverProtocol('codex')).toBe('openai-responses');
    expect(findDriverProtocol('claude')).toBe('anthropic-messages');
    expect(findDriverProtocol('scripted')).toBe('anthropic-messages');
  });
  it("name an OpenTelemetry sender's agent as Codex 0.169 and Claude Code name themselves, and its provider", () => {
    expect(['codex_exec', 'codex-tui', 'codex', 'claude-code', 'codexish', 'gemini-cli'].map(identifyAgent)).toEqual([
      'codex',
      'codex',
      'codex',
      'claude-code',
      'codexish',
      'gemini-cli',
    ]);
    expect(['claude-code', 'codex', 'gemini-cli', 'opencode'].map((agent) => findAgentProvider(agent))).toEqual([
      'claude',
      'codex',
      'gemini',
      null,
    ]);
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
  it("charge header bars to the family's provider, an unknown family to the first", () => {
    expect([findHeaderFamilyProvider('codex'), findHeaderFamilyProvider('anthropic'), findHeaderFamilyProvider('x')]).toEqual([
      'codex',
      'claude',
      'claude',
    ]);
  });
});
