// The status line's failover word: while the first back end is spent, for a while after the return, else nothing.
import { describe, expect, it } from 'vitest';
import type { FailoverState } from '../../ledger/state/failover-state.js';
import { describeFailover } from './describe-failover.js';

const NOW = new Date('2030-01-01T12:00:00Z');
const window = { trigger: 'rejected', bar: 'five_hour', used_pct: 100, resets_at: '2030-01-01T13:20:00.000Z' };
const moved: FailoverState = {
  updated_at: NOW.toISOString(),
  chain: ['anthropic', 'glm'],
  active: 'glm',
  moves: 1,
  returns: 0,
  spent: [{ backend: 'anthropic', ...window }],
  last: { kind: 'move', from: 'anthropic', to: 'glm', at: NOW.toISOString(), ...window },
};

describe('describeFailover', () => {
  it('says where work is and when it comes back while the first back end is spent', () => {
    expect(describeFailover(moved, NOW)).toBe("moved to glm: anthropic's 5h spent, back in 1h 20m");
  });

  it('says the return for ten minutes, then nothing', () => {
    const back: FailoverState = {
      ...moved,
      active: 'anthropic',
      returns: 1,
      spent: [],
      last: { kind: 'return', from: 'glm', to: 'anthropic', at: '2030-01-01T13:20:00.000Z', ...window },
    };
    expect(describeFailover(back, new Date('2030-01-01T13:29:59Z'))).toBe('back on anthropic');
    expect(describeFailover(back, new Date('2030-01-01T13:30:00Z'))).toBeNull();
  });

  it('says nothing without a chain, with nothing moved, or once the reset is past', () => {
    expect(describeFailover(null, NOW)).toBeNull();
    expect(describeFailover({ ...moved, active: 'anthropic', spent: [], last: null }, NOW)).toBeNull();
    expect(describeFailover(moved, new Date('2030-01-01T13:20:00Z'))).toBeNull();
  });
});
