// Tests of the everyday uses: one source per provider and day, priced as added, columns in time order.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import {
  createEverydayUseFold,
  readOtelTimedUse,
  readProxyTimedUse,
  readReadingTimedUses,
  type TimedUse,
} from './collect-everyday-uses.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function use(source: string, atMs: number, model: string | null = 'claude-sonnet-4-5'): TimedUse {
  return { source, provider: 'claude', at_ms: atMs, model, input: 1000, output: 100, cache_read: 0, cache_creation: 0 };
}

describe('createEverydayUseFold', () => {
  it("takes each provider's day from the first source in order with any use that day, in time order", () => {
    const fold = createEverydayUseFold(['proxy', 'otel'], createPriceTable(BUILT_IN_CATALOG), dayOf);
    // Day 1: both sources saw the same requests (the proxy's win); day 2: only the agent's own telemetry.
    for (const at of [T0 + 3_600_000, T0 + 7_200_000]) fold.add(use('otel', at));
    for (const at of [T0 + 7_200_000, T0 + 3_600_000]) fold.add(use('proxy', at));
    fold.add(use('otel', T0 + DAY + 60_000));
    const uses = fold.finish();
    expect(uses.tokens.get('claude')).toEqual({ at_ms: [T0 + 3_600_000, T0 + 7_200_000, T0 + DAY + 60_000], amount: [1100, 1100, 1100] });
    expect(uses.sources.get('claude')).toEqual(new Set(['proxy', 'otel']));
    expect(uses.dollars.get('claude')?.amount[0]).toBeGreaterThan(0);
  });

  it('counts a use with no list price apart, in the tokens but not the dollars', () => {
    const fold = createEverydayUseFold(['proxy'], createPriceTable(BUILT_IN_CATALOG), dayOf);
    fold.add(use('proxy', T0, 'no-such-model'));
    fold.add(use('proxy', T0 + 1, 'claude-sonnet-4-5'));
    const uses = fold.finish();
    expect(uses.unpriced).toBe(1);
    expect(uses.tokens.get('claude')?.at_ms).toHaveLength(2);
    expect(uses.dollars.get('claude')?.at_ms).toEqual([T0 + 1]);
  });

  it("reads a proxy row as a use of its back end's provider, and a row without counts as none", () => {
    const row = {
      timestamp: '2026-11-20T01:00:00Z',
      backend_provider: 'anthropic',
      model: 'm',
      prompt_tokens: 5,
      completion_tokens: 2,
      status: 200,
      error_type: null,
    };
    expect(readProxyTimedUse(row)).toMatchObject({ provider: 'claude', at_ms: T0 + 3_600_000, input: 5, output: 2 });
    expect(readProxyTimedUse({ ...row, prompt_tokens: null, completion_tokens: null })).toBeNull();
  });
});

describe('readOtelTimedUse', () => {
  it("reads an agent's request row as a use of its provider at the instant it logged it, and a row without tokens as none", () => {
    const row = {
      provider: 'claude',
      occurred_at: '2026-11-25T16:51:52.023Z',
      model: 'claude-opus-5-5',
      session_id: 's-1',
      input: 1800,
      output: 60,
      cache_read: 0,
      cache_creation: 1200,
      metric: false,
    };
    expect(readOtelTimedUse(row)).toEqual({
      source: 'otel',
      provider: 'claude',
      at_ms: Date.parse('2026-11-25T16:51:52.023Z'),
      model: 'claude-opus-5-5',
      input: 1800,
      output: 60,
      cache_read: 0,
      cache_creation: 1200,
    });
    expect(readOtelTimedUse({ ...row, input: 0, output: 0, cache_creation: 0 })).toBeNull();
  });
});

describe('readReadingTimedUses', () => {
  it("reads Codex's turns as steps of its totals and each Gemini CLI answer as its own request, each at its time", () => {
    const uses = readReadingTimedUses([
      {
        provider: 'codex',
        captured_at: '2026-11-20T01:00:00Z',
        format: 'codex-rollout',
        session_id: 's',
        tokens: { total: 100, input: 90, output: 10 },
      },
      {
        provider: 'codex',
        captured_at: '2026-11-20T01:01:00Z',
        format: 'codex-rollout',
        session_id: 's',
        tokens: { total: 160, input: 140, output: 20 },
      },
      {
        provider: 'gemini',
        captured_at: '2026-11-20T02:00:00Z',
        format: 'gemini-session',
        model: 'gemini-2.5-pro',
        tokens: { total: 2058, input: 250, output: 8, cache_read: 1800 },
      },
      { provider: 'gemini', captured_at: '2026-11-20T02:00:00Z', format: 'ccusage', tokens: { total: 5 } },
    ]);
    expect(uses.map((one) => [one.source, one.input + one.output + one.cache_read])).toEqual([
      ['codex-rollout', 100],
      ['codex-rollout', 60],
      ['gemini-session', 2058],
    ]);
    expect(uses[2]).toMatchObject({
      provider: 'gemini',
      at_ms: Date.parse('2026-11-20T02:00:00Z'),
      model: 'gemini-2.5-pro',
      cache_read: 1800,
    });
  });
});
