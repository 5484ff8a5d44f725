// The viewer bench's pure parts: the median it reports, and a generated experiment ledger that the viewer reads as finished plans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readArmEvidence } from '../ledger/evidence/index.js';
import { readReportLedger } from '../ledger/index.js';
import { readPlanStatuses } from '../ledger/runs/index.js';
import { generateExperimentLedger } from './generate-experiment-ledger.js';
import { median } from './report-viewer.js';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count, whatever the order', () => {
    expect(median([900, 100, 500])).toBe(500);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});

describe('generateExperimentLedger', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes finished two-provider plans whose every arm is a valid window, with evidence for the first arm of each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'viewer-bench-'));
    dirs.push(dir);
    const ledger = generateExperimentLedger(dir, 40, 2);
    expect(ledger).toMatchObject({ windows: 40, telemetryRows: 120 });

    const statuses = readPlanStatuses(dir, undefined);
    expect(statuses.map((status) => [status.plan_id, status.arms, status.done, status.state])).toEqual([
      ['plan-bench0001', 20, 20, 'complete'],
      ['plan-bench0002', 20, 20, 'complete'],
    ]);
    const report = readReportLedger(dir);
    expect(report.windows).toHaveLength(40);
    expect(report.skippedCount).toBe(0);
    expect(new Set(report.windows.map((window) => `${window.feature_id}/${window.provider}`)).size).toBe(20);

    const evidence = readArmEvidence(dir, ledger.evidenceWindows[0] ?? '');
    expect(evidence.problems).toEqual([]);
    expect(evidence.summary?.window_id).toBe('plan-bench0001-a001-claude');
    expect(evidence.tests?.tests.length).toBeGreaterThan(0);
  });
});
