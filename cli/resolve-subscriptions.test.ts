// `--plan` prices a provider by the plan named, whatever the profile: ChatGPT-login Codex is priced as the plain codex profile.
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, pickProfiles } from '../runner/index.js';
import { loadPlanTable, parsePlanFlags, resolveSubscriptions } from './resolve-subscriptions.js';

describe('resolveSubscriptions', () => {
  it('gives codex-chatgpt=chatgpt-pro the same plan and price as codex=chatgpt-pro', () => {
    const providers = ['codex', 'codex-chatgpt'];
    const profiles = pickProfiles(BUILTIN_PROFILES, providers);
    const chosen = parsePlanFlags(['codex=chatgpt-pro', 'codex-chatgpt=chatgpt-pro'], providers);
    const priced = resolveSubscriptions(profiles, chosen, loadPlanTable(undefined));
    expect(priced.get('codex-chatgpt')).toEqual({ plan: 'chatgpt-pro', usd_per_month: 200, priced_at: '2026-11-01' });
    expect(priced.get('codex-chatgpt')).toEqual(priced.get('codex'));
  });

  it("leaves codex-chatgpt unpriced without --plan, as codex is (the plan a login is on is the user's to say)", () => {
    const priced = resolveSubscriptions(pickProfiles(BUILTIN_PROFILES, ['codex-chatgpt']), new Map(), loadPlanTable(undefined));
    expect(priced.has('codex-chatgpt')).toBe(false);
  });
});
