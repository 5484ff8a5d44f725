// One view of the stop rule's three sequences, read on any prefix of the differences with exact point tests: pure.
import { AppError } from '../../kernel/index.js';
import { prepareBoundedMeanLooks } from './betting-bounded-mean.js';
import type { BettingLooks } from './betting-invert.js';
import { prepareSymmetryLooks } from './betting-symmetry.js';
import { computeConfidenceSequence, type ConfidenceSequence, type ConfidenceSequenceMethod } from './confidence-sequence.js';

/** Which confidence sequence the sequential rule uses. */
export type SequentialRule = 'betting' | 'normal-theory';

/** What picks the sequence: the rule, its error rate and tuning, and the range of the differences if known. */
export interface SequenceSettings {
  alpha: number;
  tuningN: number;
  /** Default 'betting'. */
  rule?: SequentialRule;
  /** With the betting rule: the bounded-mean sequence on this range; without, the symmetry sequence. */
  bounds?: readonly [number, number];
}

/** A sequence prepared once on all the differences and read after the first n of them. */
export interface SequenceLooks {
  method: ConfidenceSequenceMethod;
  sequenceAt(n: number): ConfidenceSequence;
  /**
   * After n differences, are all centres at or below m excluded (`side` 'below': the centre is above m), or
   * all at or above m ('above')? Exact for the betting sequences (the one-sided bettor's wealth at m itself,
   * which is monotone in m), where the bisected bounds are only within a tolerance; the bounds themselves for
   * the normal-theory sequence.
   */
  excludes(n: number, m: number, side: 'below' | 'above'): boolean;
}

/**
 * The sequence the rule decides on. `rule: 'betting'` (the default): with `bounds`, the bounded-mean betting
 * sequence (valid for any distribution on the range); without, the symmetry betting sequence of the centre
 * (valid whenever A and B are exchangeable within a task, whatever the distribution). `rule: 'normal-theory'`:
 * the Student-t-widened asymptotic sequence, kept to compare against.
 */
export function prepareSequenceLooks(diffs: readonly number[], settings: SequenceSettings): SequenceLooks {
  const rule = settings.rule ?? 'betting';
  if (rule === 'normal-theory') return prepareNormalTheoryLooks(diffs, settings);
  if (rule !== 'betting') throw new AppError('BAD_INPUT', `rule must be betting or normal-theory, got ${String(rule)}`, { where: 'rule' });
  const { alpha, tuningN } = settings;
  const betting: BettingLooks = settings.bounds
    ? prepareBoundedMeanLooks(diffs, { alpha, tuningN, bounds: settings.bounds })
    : prepareSymmetryLooks(diffs, { alpha, tuningN });
  return {
    method: settings.bounds ? 'bounded-mean-betting' : 'symmetry-betting',
    sequenceAt: (n) => betting.sequenceAt(n),
    excludes: (n, m, side) => betting.logWealth(n, m, side === 'below' ? 1 : -1) >= betting.threshold,
  };
}

function prepareNormalTheoryLooks(diffs: readonly number[], settings: SequenceSettings): SequenceLooks {
  const cache = new Map<number, ConfidenceSequence>();
  const sequenceAt = (n: number): ConfidenceSequence => {
    let cs = cache.get(n);
    if (!cs)
      cache.set(
        n,
        (cs = computeConfidenceSequence(diffs.slice(0, n), { alpha: settings.alpha, tuningN: settings.tuningN, studentT: true })),
      );
    return cs;
  };
  return {
    method: 'normal-theory',
    sequenceAt,
    excludes: (n, m, side) => (side === 'below' ? sequenceAt(n).low > m : sequenceAt(n).high < m),
  };
}
