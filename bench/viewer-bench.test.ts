// The viewer bench's pure parts: the median it reports, and a generated experiment ledger that the viewer reads as finished plans.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readArmEvidence } from '../ledger/evidence/index.js';
import { readReportLedger } from '../ledger/index.js';
import { findRunProgress, readPlanStatuses } from '../ledger/runs/index.js';
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

  it('reads every plan in one pass and still tells each plan its own done, open and started arms', () => {
    const dir = mkdtempSync(join(tmpdir(), 'viewer-bench-'));
    dirs.push(dir);
    generateExperimentLedger(dir, 8, 2);
    // The last arm of the first plan dies before its window is written: its captures stay, so it is open.
    const windows = join(dir, 'windows.jsonl');
    const lines = readFileSync(windows, 'utf8').trimEnd().split('\n');
    writeFileSync(windows, `${lines.filter((line) => !line.includes('"window_id":"plan-bench0001-a004-')).join('\n')}\n`);

    const statuses = readPlanStatuses(dir, undefined);
    expect(statuses.map((status) => [status.plan_id, status.done, status.open, status.pending, status.state])).toEqual([
      ['plan-bench0001', 3, 1, 0, 'interrupted'],
      ['plan-bench0002', 4, 0, 0, 'complete'],
    ]);
    const first = findRunProgress(dir, 'plan-bench0001');
    expect(first.open).toEqual([
      {
        armIndex: 3,
        windowId: 'plan-bench0001-a004-claude',
        provider: 'claude',
        agentId: 'main-bench0001-w1',
        phases: ['before', 'after'],
      },
    ]);
    expect([...first.attempts.entries()].sort()).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    expect([...findRunProgress(dir, 'plan-bench0002').done.keys()].sort()).toEqual([0, 1, 2, 3]);
  });
});
