// The report's line on where the plan's tasks came from.
import { describe, expect, it } from 'vitest';
import { describeTaskSources } from './render-primary-section.js';

describe('describeTaskSources', () => {
  it('counts every origin the plan holds and leaves out those it has none of', () => {
    expect(describeTaskSources({ builtin: 10, imported: 20, synthesized: 10, own: 0 })).toBe(
      "40 planned: 10 built-in, 20 imported from a repository's history, 10 synthesized by mutation",
    );
    expect(describeTaskSources({ builtin: 0, imported: 0, synthesized: 0, own: 3 })).toBe('3 planned: 3 written by hand');
  });
});
