import { describe, expect, it } from 'vitest';
import type { ExperimentReport } from './experiment-report.js';
import { renderEpochsSection } from './render-epochs-section.js';

describe('renderEpochsSection', () => {
  it('says "1 task" and "1 window", not "1 tasks" and "1 windows"', () => {
    const epochs = { effective_n: 1, epochs_min: 1, epochs_max: 1, windows: 1, outcome: null, components: null, na: 'no pair' };
    const lines = renderEpochsSection({ epochs } as unknown as ExperimentReport);
    expect(lines[2]).toMatch(/^Effective n: \*\*1 task\*\* \(1 epoch per task and provider, 1 window\)\./);
  });
});
