// `--plan` prices a provider by the plan named; a profile billed per token (an API key) takes none.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, pickProfiles } from '../runner/index.js';
import { loadPlanTable, parsePlanFlags, resolveSubscriptions } from './resolve-subscriptions.js';

describe('resolveSubscriptions', () => {
  it('prices codex-chatgpt=chatgpt-pro, and refuses a plan for codex, an API key billed per token', () => {
    const providers = ['codex', 'codex-chatgpt'];
    const profiles = pickProfiles(BUILTIN_PROFILES, providers);
    const priced = resolveSubscriptions(
      profiles,
      parsePlanFlags(['codex-chatgpt=chatgpt-pro'], providers),
      loadPlanTable(BUILT_IN_CATALOG, undefined),
    );
    expect(priced.get('codex-chatgpt')).toEqual({ plan: 'chatgpt-pro', usd_per_month: 200, priced_at: '2026-11-01' });
    expect(priced.has('codex')).toBe(false);
    const both = parsePlanFlags(['codex=chatgpt-pro', 'codex-chatgpt=chatgpt-pro'], providers);
    expect(() => resolveSubscriptions(profiles, both, loadPlanTable(BUILT_IN_CATALOG, undefined))).toThrow(
      'codex is billed per token (an API key): it has no plan',
    );
  });

  it("leaves codex-chatgpt unpriced without --plan (the plan a login is on is the user's to say)", () => {
    const priced = resolveSubscriptions(
      pickProfiles(BUILTIN_PROFILES, ['codex-chatgpt']),
      new Map(),
      loadPlanTable(BUILT_IN_CATALOG, undefined),
    );
    expect(priced.has('codex-chatgpt')).toBe(false);
  });
});
