// `--plan` prices a provider by the plan named; a profile billed per token (an API key) takes none.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES, pickProfiles } from '../runner/index.js';
import {
  loadPlanTable,
  parsePlanFlags as parseWithCatalog,
  readPlanFlag,
  resolveSubagentSubscriptions,
  resolveSubscriptions,
} from './resolve-subscriptions.js';

const TABLE = loadPlanTable(BUILT_IN_CATALOG, undefined);
const parsePlanFlags = (values: readonly string[], providers: readonly string[]) =>
  parseWithCatalog(values, providers, BUILT_IN_CATALOG, TABLE);

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

describe('parsePlanFlags', () => {
  const providers = ['claude', 'codex-chatgpt'];

  it("refuses a plan of another vendor than the provider's, naming the flag, both and the provider's own plans", () => {
    let caught: unknown;
    try {
      parsePlanFlags(['claude=chatgpt-plus'], providers);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(
      "plan chatgpt-plus is codex's, not claude's: claude's plans are claude-pro, claude-max-5x, claude-max-20x (did you mean codex=chatgpt-plus?)",
    );
    expect((caught as { where?: string }).where).toBe('--plan');
    expect(parsePlanFlags(['codex-chatgpt=chatgpt-plus'], providers).get('codex-chatgpt')).toBe('chatgpt-plus');
  });

  it('takes a plan named in another case as its lower-case id, the one a run records', () => {
    expect(parsePlanFlags(['claude=Claude-Max-5x'], providers).get('claude')).toBe('claude-max-5x');
    expect(readPlanFlag(' claude = CLAUDE-PRO ')).toEqual({ provider: 'claude', plan: 'claude-pro' });
    expect(() => readPlanFlag('=claude-pro')).toThrow('expected PROVIDER=PLAN such as claude=claude-max-20x, got "=claude-pro"');
  });
});

describe('loadPlanTable', () => {
  it('points a PROVIDER=PLAN given to --plans to --plan, and keeps "no such plans file" for a missing path', () => {
    let caught: unknown;
    try {
      loadPlanTable(BUILT_IN_CATALOG, 'claude=claude-max-5x');
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(
      'expected a plans file, got "claude=claude-max-5x"; for one provider\'s plan use --plan claude=claude-max-5x',
    );
    expect((caught as { where?: string }).where).toBe('--plans');
    expect(() => loadPlanTable(BUILT_IN_CATALOG, 'no-such-dir/plans.json')).toThrow('no such plans file');
  });
});
