// The one reading of `80,95` that `tracker watch --alert-at` and the viewer's ?thresholds= share.
import { describe, expect, it } from 'vitest';
import { parseThresholds } from './parse-thresholds.js';

describe('parseThresholds', () => {
  it('reads percentages in increasing order, each once', () => {
    expect(parseThresholds('95, 80,80')).toEqual([80, 95]);
    expect(parseThresholds('100,0.5')).toEqual([0.5, 100]);
  });

  it('refuses what is not a percentage above 0 and at most 100', () => {
    for (const text of ['', '0', '101', '80,', 'eighty', '-5', '80;95']) expect(parseThresholds(text)).toBeNull();
  });
});
