// The ledger's table of accounts agrees with the built-in profiles: a real profile whose quota names another account is in it, nothing else.
import { describe, expect, it } from 'vitest';
import { findProfileAccount, PROFILE_ACCOUNTS } from '../../ledger/vocabulary/index.js';
import { BUILTIN_PROFILES } from './provider-profiles.js';

describe('PROFILE_ACCOUNTS', () => {
  it("names exactly the built-in profiles that read another account's quota and do not run against the scripted server", () => {
    const derived: Record<string, string> = {};
    for (const [provider, profile] of Object.entries(BUILTIN_PROFILES))
      if (profile.upstream !== 'scripted' && profile.quota !== undefined && profile.quota !== provider) derived[provider] = profile.quota;
    expect(PROFILE_ACCOUNTS).toEqual(derived);
    expect(derived).toEqual({ 'codex-chatgpt': 'codex', 'claude+glm': 'claude', 'gemini-google': 'gemini' });
  });

  it('keeps simulated, API-key and unknown providers on their own account (sim-codex reads a scripted quota, not yours)', () => {
    expect(findProfileAccount('codex-chatgpt')).toBe('codex');
    expect(findProfileAccount('claude+glm')).toBe('claude');
    for (const own of ['claude', 'glm', 'sim-codex', 'codex', 'my-own', 'toString']) expect(findProfileAccount(own)).toBe(own);
  });
});
