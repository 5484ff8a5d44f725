// The chain's choices on a clock the test moves: refusal, threshold, return at the reset, every one spent.
import { describe, expect, it } from 'vitest';
import type { RateLimitReading } from '../../sources/index.js';
import type { Backend } from '../config/build-routing-table.js';
import { type FailoverEvent, FailoverChain } from './failover-chain.js';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const backendOf = (name: string): Backend =>
  ({ name, origin: 'http://x', basePath: '', provider: null, protocol: null, auth: null, login: null }) as unknown as Backend;
const reading = (usedPct: number, resetsAt: number, status: string | null = null): RateLimitReading => ({
  family: 'anthropic',
  status,
  bars: { five_hour: { used_pct: usedPct, resets_at: new Date(resetsAt).toISOString(), window_minutes: 300 } },
});

function chainOf(names: string[], atPct: number | null = null) {
  let now = T0;
  const events: FailoverEvent[] = [];
  const members = names.map((name) => ({ backend: backendOf(name), rewriteModel: null }));
  const chain = new FailoverChain(
    { members, atPct },
    () => now,
    (event) => events.push(event),
  );
  return { chain, events, at: (ms: number) => (now = T0 + ms) };
}

describe('FailoverChain', () => {
  it('moves on when the current back end refuses for its window, and returns at that window reset', () => {
    const { chain, events, at } = chainOf(['a', 'b']);
    expect(chain.pick()).toBe(0);
    chain.observe(0, 429, reading(100, T0 + 60_000, 'rejected'));
    expect(chain.pick()).toBe(1);
    expect(chain.recordMove(1)).toEqual({
      from: 'a',
      window: { trigger: 'rejected', bar: 'five_hour', used_pct: 100, resets_at: new Date(T0 + 60_000).toISOString() },
    });
    at(59_999);
    expect(chain.pick()).toBe(1);
    at(60_000);
    expect(chain.pick()).toBe(0);
    expect(events.map((event) => [event.kind, event.from, event.to])).toEqual([
      ['move', 'a', 'b'],
      ['return', 'b', 'a'],
    ]);
    expect(chain.describe()).toMatchObject({ moves: 1, returns: 1, moved_requests: 1, spent: [] });
  });

  it('never moves on another error: a 429 without the window status, a 529, a 500', () => {
    const { chain } = chainOf(['a', 'b']);
    chain.observe(0, 429, reading(40, T0 + 60_000, 'allowed'));
    chain.observe(0, 429, null);
    chain.observe(0, 529, reading(100, T0 + 60_000, 'rejected'));
    chain.observe(0, 500, null);
    expect(chain.pick()).toBe(0);
  });

  it('moves at the threshold only while there is somewhere to go', () => {
    const { chain } = chainOf(['a', 'b'], 90);
    chain.observe(0, 200, reading(89.99, T0 + 60_000));
    expect(chain.pick()).toBe(0);
    chain.observe(0, 200, reading(90, T0 + 60_000));
    expect(chain.pick()).toBe(1);
    // The last one left is used until it refuses.
    chain.observe(1, 200, reading(95, T0 + 30_000));
    expect(chain.pick()).toBe(1);
  });

  it('when every one is spent, sends to the one that resets first', () => {
    const { chain } = chainOf(['a', 'b', 'c']);
    chain.observe(0, 429, reading(100, T0 + 90_000, 'rejected'));
    chain.observe(1, 429, reading(100, T0 + 30_000, 'rejected'));
    chain.observe(2, 429, reading(100, T0 + 60_000, 'rejected'));
    expect(chain.hasNextAfter(0)).toBe(false);
    expect(chain.pick()).toBe(1);
  });

  it('keeps a back end whose refusal names a reset already past aside for a minute, not zero', () => {
    const { chain, at } = chainOf(['a', 'b']);
    chain.observe(0, 429, reading(100, T0 - 1_000, 'rejected'));
    at(59_000);
    expect(chain.pick()).toBe(1);
    at(60_000);
    expect(chain.pick()).toBe(0);
  });

  it('moves on the bars its quota endpoint read: at the threshold, at 100 without one, never from the last one left', () => {
    const bars = (pct: number) => reading(pct, T0 + 60_000).bars;
    const plain = chainOf(['a', 'b']);
    plain.chain.observeQuota(0, bars(99));
    expect(plain.chain.pick()).toBe(0);
    plain.chain.observeQuota(0, bars(100));
    expect(plain.chain.pick()).toBe(1);
    expect(plain.chain.recordMove(1)?.window).toMatchObject({ trigger: 'threshold', bar: 'five_hour', used_pct: 100 });
    const early = chainOf(['a', 'b'], 80);
    early.chain.observeQuota(0, bars(80));
    expect(early.chain.pick()).toBe(1);
    early.chain.observeQuota(1, bars(100));
    expect(early.chain.pick()).toBe(1);
  });
});
