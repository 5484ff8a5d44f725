// Tests of a plan's own part of the ledger: its windows, and their proxy rows with their capacity probes'.
import { describe, expect, it } from 'vitest';
import type { ReportLedger, ReportTelemetryRow, ReportWindow } from '../../ledger/index.js';
import { scopeLedgerToPlan } from './scope-plan-ledger.js';

const window = (windowId: string, planId: string) => ({ window_id: windowId, plan_id: planId }) as ReportWindow;
const request = (windowId: string | null) => ({ window_id: windowId }) as ReportTelemetryRow;

describe('scopeLedgerToPlan', () => {
  it("keeps the plan's windows' proxy rows and their probes' (<window>.before, .before2, .after), nothing else", () => {
    const ledger = {
      windows: [window('p1-a001', 'p1'), window('p2-a001', 'p2')],
      telemetry: [
        'p1-a001',
        'p1-a001.before',
        'p1-a001.before2',
        'p1-a001.after',
        'p1-a001.later',
        'p1-a0011.after',
        'p2-a001.after',
        null,
      ].map(request),
      anomalies: [],
      budgetEvents: [],
      previews: [],
      analysisPlans: [],
      runStops: [],
    } as unknown as ReportLedger;
    expect(scopeLedgerToPlan(ledger, 'p1').telemetry.map((row) => row.window_id)).toEqual([
      'p1-a001',
      'p1-a001.before',
      'p1-a001.before2',
      'p1-a001.after',
    ]);
  });
});
