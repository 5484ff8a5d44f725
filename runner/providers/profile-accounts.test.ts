// A run's real profiles name the account everyday readings use; simulated and unknown ones keep their own name.
import { describe, expect, it } from 'vitest';
import { findProfileAccount, mapProfileAccounts } from './profile-accounts.js';

describe('findProfileAccount', () => {
  it('puts codex-chatgpt on the codex account and claude+glm on the claude account', () => {
    expect(findProfileAccount('codex-chatgpt')).toBe('codex');
    expect(findProfileAccount('claude+glm')).toBe('claude');
    expect(findProfileAccount('claude')).toBe('claude');
    expect(findProfileAccount('glm')).toBe('glm');
  });

  it('keeps simulated, API-key and unknown providers on their own account (sim-codex reads a scripted quota, not yours)', () => {
    expect(findProfileAccount('sim-codex')).toBe('sim-codex');
    expect(findProfileAccount('codex')).toBe('codex');
    expect(findProfileAccount('my-own')).toBe('my-own');
    expect([...mapProfileAccounts(['sim-claude+glm', 'codex-chatgpt', 'claude', 'x'])]).toEqual([['codex-chatgpt', 'codex']]);
  });
});
