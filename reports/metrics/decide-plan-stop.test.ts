// Seed 001's data-quality halt with a real CI check, and the betting rule settling every pair before the run stops.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../ledger/index.js';
import type { WorkPerDollar } from './analyze-work-per-dollar.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import type { PairDecision, PairOutcome } from './decide-ratio-pair.js';
import { decidePlanStop, describeCiFinite, describeDecision } from './decide-plan-stop.js';

const run = (provider: string, errors: string[] = []) => ({ provider, errors }) as unknown as WindowMetrics;
const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 40, enabled: true });

function decision(a: string, b: string, outcome: PairOutcome): PairDecision {
  const look = { n: 30, ratio: 2, low: 1.5, high: 2.7, p: 1e-6, threshold: 0.01, basis: 'betting' as const, state: 'open' as const };
  return {
    a,
    b,
    tasks: 30,
    unpaired: 0,
    ratio: 2,
    budget: null,
    last: look,
    looks: [look],
    outcome,
    decided_at: outcome === 'a-ahead' ? 21 : null,
    na: null,
  };
}

function primaryOf(pairs: PairDecision[], providers: WorkPerDollar['providers'] = []): WorkPerDollar {
  return { unit: 'usd', method: '', tasks: 30, providers, pairs, leader: null, best: null, not_behind_best: [], na: null, typical: [] };
}

describe('decidePlanStop', () => {
  it('halts on a provider whose work-per-$ interval is not finite, as seed 001 says', () => {
    const providers = [
      { provider: 'a', tasks: 3, unpriced: 0, work: 1, dollars: 1, list_usd: 1, ratio: 1, low: Number.NaN, high: 3, na: null },
    ];
    const primary = primaryOf([], providers);
    const decided = decidePlanStop([run('a'), run('a'), run('a')], primary, rule, describeCiFinite(primary));
    expect(decided.stop).toMatchObject({ rule: 'data-quality', provider: 'a' });
    expect(decided.stop?.reason).toContain('the CI is non-finite');
    expect(decided.seed[0]?.ci_finite).toBe(false);
  });

  it('halts on more than 1 negative-delta window in 3', () => {
    const decided = decidePlanStop(
      [run('b', ['negative-delta']), run('b'), run('b'), run('b', ['negative-delta'])],
      primaryOf([]),
      rule,
      () => true,
    );
    expect(decided.stop?.reason).toMatch(/^b: halt the arm and fix capture: 2 negative-delta/);
  });

  it('stops when every pair is settled, and not while any pair is still open or its price unknown', () => {
    expect(decidePlanStop([], primaryOf([decision('a', 'b', 'a-ahead')]), rule, () => true).stop?.rule).toBe('sequential');
    expect(
      decidePlanStop([], primaryOf([decision('a', 'b', 'a-ahead'), decision('a', 'c', 'within-margin')]), rule, () => true).stop?.rule,
    ).toBe('sequential');
    expect(decidePlanStop([], primaryOf([decision('a', 'b', 'a-ahead'), decision('a', 'c', 'open')]), rule, () => true).stop).toBeNull();
    expect(decidePlanStop([], primaryOf([decision('a', 'b', 'n/a')]), rule, () => true).stop).toBeNull();
    const none = { ...rule, rule: 'none' as const };
    expect(decidePlanStop([], primaryOf([decision('a', 'b', 'a-ahead')]), none, () => true).stop).toBeNull();
  });

  it('stops once one provider is decided ahead of every other, with a pair among the others still open', () => {
    const pairs = [decision('a', 'b', 'a-ahead'), decision('a', 'c', 'a-ahead'), decision('b', 'c', 'open')];
    const decided = decidePlanStop([], { ...primaryOf(pairs), leader: 'a' }, rule, () => true);
    expect(decided.stop?.rule).toBe('sequential');
    expect(decided.stop?.reason).toMatch(/^betting rule on work per dollar, a decided ahead of every other provider: /);
  });

  it('names the provider ahead, never "A" or "B"', () => {
    expect(describeDecision(decision('sim-codex', 'sim-claude', 'a-ahead'))).toBe(
      'sim-codex ahead (sim-codex/sim-claude 2x, anytime interval 1.5 to 2.7, decided at 21 tasks)',
    );
    expect(describeDecision(decision('x', 'y', 'within-margin'))).toMatch(/^no relevant difference/);
  });
});
