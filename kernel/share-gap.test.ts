// The share gap's scale: the relevant difference on it, and intervals cut to the range a gap can take.
import { describe, expect, it } from 'vitest';
import { convertRelativeToGap, cutToShareRange } from './share-gap.js';

describe('convertRelativeToGap', () => {
  it('turns 20% more work per dollar into a share gap of 0.2 / 2.2', () => {
    expect(convertRelativeToGap(0.2)).toBeCloseTo(0.0909090909, 9);
    expect(convertRelativeToGap(-1)).toBeNaN();
  });
});

describe('cutToShareRange', () => {
  it('cuts a 3-task t interval that reaches past [-1, 1] and says so', () => {
    expect(cutToShareRange(-3.306, 3.454)).toEqual({ low: -1, high: 1, cut: true });
    expect(cutToShareRange(-0.2, 1.4)).toEqual({ low: -0.2, high: 1, cut: true });
  });

  it('leaves an interval inside the range as it is', () => {
    expect(cutToShareRange(0.01518, 0.01954)).toEqual({ low: 0.01518, high: 0.01954, cut: false });
    expect(cutToShareRange(-1, 1)).toEqual({ low: -1, high: 1, cut: false });
  });
});
