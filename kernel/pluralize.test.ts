import { describe, expect, it } from 'vitest';
import { pluralize } from './pluralize.js';

describe('pluralize', () => {
  it('keeps the singular for exactly one and the plural otherwise, irregular ones included', () => {
    expect(pluralize(1, 'task')).toBe('1 task');
    expect(pluralize(0, 'task')).toBe('0 tasks');
    expect(pluralize(10, 'epoch')).toBe('10 epochs');
    expect(pluralize(1, 'analysis', 'analyses')).toBe('1 analysis');
    expect(pluralize(2, 'analysis', 'analyses')).toBe('2 analyses');
  });
});
