// `--plan` prices a provider by the plan named; a profile billed per token (an API key) takes none.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, pickProfiles } from '../runner/index.js';
import { loadPlanTable, parsePlanFlags, resolveSubagentSubscriptions, resolveSubscriptions } from './resolve-subscriptions.js';

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

describe('a failover portfolio (claude>glm) is priced on both subscriptions', () => {
  const providers = ['claude>glm'];
  const profiles = pickProfiles(BUILTIN_PROFILES, providers);
  const table = loadPlanTable(BUILT_IN_CATALOG, undefined);

  it("takes each member's --plan: claude's for its first subscription, glm's for the one its work moves to", () => {
    const chosen = parsePlanFlags(['claude=claude-max-5x', 'glm=glm-coding-lite'], providers);
    expect(resolveSubscriptions(profiles, chosen, table).get('claude>glm')?.plan).toBe('claude-max-5x');
    expect(resolveSubagentSubscriptions(profiles, table, chosen).get('claude>glm')?.plan).toBe('glm-coding-lite');
  });

  it("takes a plan of the portfolio's own for its first subscription, and refuses a provider in no portfolio", () => {
    const own = parsePlanFlags(['claude>glm=claude-pro', 'claude=claude-max-5x'], providers);
    expect(resolveSubscriptions(profiles, own, table).get('claude>glm')?.plan).toBe('claude-pro');
    expect(() => parsePlanFlags(['codex=chatgpt-pro'], providers)).toThrow('no provider "codex" in this run');
  });
});
