// Seed 001's data-quality halt with a real CI check, and the sequential rule settling every pair before the run stops.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../ledger/index.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { decidePlanStop, describeCiFinite } from './decide-plan-stop.js';
import type { ShareGapPair } from './pair-share-gaps.js';
import type { ProviderMetrics } from './summarize-provider-metrics.js';

const run = (provider: string, errors: string[] = []) => ({ provider, errors }) as unknown as WindowMetrics;
const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 40, enabled: true });
const gaps = (n: number, gap: number): ShareGapPair => ({
  a: 'a',
  b: 'b',
  unpaired: 0,
  tasks: Array.from({ length: n }, (_, i) => ({
    subject: `T${i}`,
    gap,
    sequence: i % 2 ? 'BA' : 'AB',
    efficiency_a: 1,
    efficiency_b: 1,
    quality_a: 1,
    quality_b: 1,
    completed_at: '',
  })),
});

describe('decidePlanStop', () => {
  it('halts on a provider whose efficiency interval is not finite, as seed 001 says (it used to pass true whatever the data)', () => {
    const summaries = [{ provider: 'a', efficiency: { low: Number.NaN, high: 3 } }] as unknown as ProviderMetrics[];
    const decided = decidePlanStop([run('a'), run('a'), run('a')], [], rule, describeCiFinite(summaries));
    expect(decided.stop).toMatchObject({ rule: 'data-quality', provider: 'a' });
    expect(decided.stop?.reason).toContain('the CI is non-finite');
    expect(decided.seed[0]?.ci_finite).toBe(false);
  });

  it('halts on more than 1 negative-delta window in 3', () => {
    const decided = decidePlanStop([run('b', ['negative-delta']), run('b'), run('b'), run('b', ['negative-delta'])], [], rule, () => true);
    expect(decided.stop?.reason).toMatch(/^b: halt the arm and fix capture: 2 negative-delta/);
  });

  it('stops on a clear share gap, and not while any pair is still open', () => {
    expect(decidePlanStop([], [gaps(30, 0.6)], rule, () => true).stop?.rule).toBe('sequential');
    const three = buildSequentialRule({ providers: 3, alpha: 0.05, minEffect: 0.2, plannedTasks: 40, enabled: true });
    const open = { ...gaps(30, 0.05), a: 'a', b: 'c' };
    const decided = decidePlanStop([], [gaps(30, 0.6), open], three, () => true);
    expect(decided.pairs[0]?.verdict?.decision).toBe('superiority-A');
    expect(decided.pairs[1]?.verdict?.decision).toBe('continue');
    expect(decided.stop).toBeNull();
  });
});
