// The known name a mistyped one most likely meant.
import { describe, expect, it } from 'vitest';
import { findClosest, suggestClosest } from './find-closest.js';

describe('findClosest', () => {
  it('finds a letter dropped, added, changed or swapped, and a prefix', () => {
    const known = ['sim-claude', 'sim-codex', 'sim-glm', 'claude-max-20x', 'claude-pro'];
    expect(findClosest('sim-cladue', known)).toBe('sim-claude');
    expect(findClosest('sim-glmm', known)).toBe('sim-glm');
    expect(findClosest('sim-codx', known)).toBe('sim-codex');
    expect(findClosest('claude-max-20', known)).toBe('claude-max-20x');
    expect(findClosest('gemini', known)).toBeNull();
    expect(suggestClosest('claude-prp', known)).toBe(' (did you mean claude-pro?)');
    expect(suggestClosest('nothing-like-it', known)).toBe('');
  });
});
