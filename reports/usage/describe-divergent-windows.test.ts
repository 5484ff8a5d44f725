import { describe, expect, it } from 'vitest';
import { describeDivergentWindows } from './describe-divergent-windows.js';

describe('describeDivergentWindows', () => {
  const windows = [
    { provider: 'claude', window_id: 'W7', errors: ['divergent:ccusage'] },
    { provider: 'claude', window_id: 'W8', errors: [] },
    { provider: 'codex', window_id: 'X1', errors: ['negative-delta', 'divergent:ccusage'] },
  ];

  it('names the divergent:ccusage windows of the providers asked, and is null without any', () => {
    expect(describeDivergentWindows(windows)).toContain('2 window(s) divergent:ccusage');
    expect(describeDivergentWindows(windows, ['claude'])).toMatch(/^1 window\(s\) .*: claude W7 \(both figures: tracker anomalies\)$/);
    expect(describeDivergentWindows(windows.slice(1, 2))).toBeNull();
  });
});
