// scoreByIdentity: quality is the share of fail_to_pass tests that pass; resolved needs pass_to_pass too.
import { describe, expect, it } from 'vitest';
import { scoreByIdentity } from './score-by-identity.js';

const lists = { fail_to_pass: ['new a', 'new b'], pass_to_pass: ['old c', 'old d'] };

describe('scoreByIdentity', () => {
  it('gives a run that changed nothing 0 however many old tests pass (the do-nothing agent)', () => {
    const noop = new Map([
      ['new a', 'fail'],
      ['new b', 'fail'],
      ['old c', 'pass'],
      ['old d', 'pass'],
      ['other', 'pass'],
    ] as const);
    expect(scoreByIdentity(noop, lists)).toEqual({
      quality: 0,
      measure: 'fail-to-pass-share',
      fail_to_pass: { passed: 0, total: 2 },
      pass_to_pass: { passed: 2, total: 2 },
      resolved: false,
      broken: [],
    });
  });
  it('counts a test the run never reported as not passed, and names the old tests a change broke', () => {
    const partial = new Map([
      ['new a', 'pass'],
      ['old c', 'fail'],
    ] as const);
    expect(scoreByIdentity(partial, lists)).toMatchObject({ quality: 0.5, resolved: false, broken: ['old c', 'old d'] });
  });
  it('resolves only when every fail_to_pass and pass_to_pass test passes; skipped is not passed', () => {
    const all = new Map([
      ['new a', 'pass'],
      ['new b', 'pass'],
      ['old c', 'pass'],
      ['old d', 'pass'],
    ] as const);
    expect(scoreByIdentity(all, lists)).toMatchObject({ quality: 1, resolved: true });
    expect(scoreByIdentity(new Map([...all, ['old d', 'skip']]), lists)).toMatchObject({ quality: 1, resolved: false, broken: ['old d'] });
  });
  it('scores 0 when the output named no tests', () => {
    expect(scoreByIdentity(undefined, lists)).toMatchObject({ quality: 0, resolved: false });
  });
  it('scores a plausible but wrong solution 0 under resolved, where the share gives it partial credit', () => {
    // A Rust change whose renamed old tests sat in fail_to_pass: the wrong solution passed them and scored 0.864.
    const f2p = Array.from({ length: 22 }, (_, i) => `t${i}`);
    const wrong = new Map(f2p.map((name, i) => [name, i < 19 ? 'pass' : 'fail'] as const));
    const scored = { fail_to_pass: f2p, pass_to_pass: [] };
    expect(scoreByIdentity(wrong, scored, 'fail-to-pass-share').quality).toBeCloseTo(0.864, 3);
    expect(scoreByIdentity(wrong, scored, 'resolved')).toMatchObject({ quality: 0, measure: 'resolved', resolved: false });
    const right = new Map(f2p.map((name) => [name, 'pass'] as const));
    expect(scoreByIdentity(right, scored, 'resolved')).toMatchObject({ quality: 1, resolved: true });
  });
});
