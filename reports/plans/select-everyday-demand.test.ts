// Your demand without the experiment's: its arms' proxy rows, and the same account's other use inside an arm's span.
import { describe, expect, it } from 'vitest';
import type { EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { selectEverydayDemand } from './select-everyday-demand.js';

const row = (at: string, window: string | null = null) => ({
  timestamp: at,
  backend_provider: 'sim-claude',
  prompt_tokens: 10,
  completion_tokens: 1,
  window_id: window,
});
const otel = (at: string) => ({
  provider: 'sim-claude',
  occurred_at: at,
  model: null,
  session_id: null,
  input: 5,
  output: 1,
  cache_read: 0,
  cache_creation: 0,
  metric: false,
});
const arm = (start: string, end: string | null) => ({
  provider: 'sim-claude',
  started_at: start,
  ended_at: end,
  completed_at: '2026-11-02T12:00:00Z',
});

describe('selectEverydayDemand', () => {
  it("leaves out the arms' rows and the account's use inside their spans, by binary search over merged spans", () => {
    const ledger = {
      bars: { quota: [], proxy: [], statusline: [] },
      telemetry: [row('2026-11-02T09:00:00Z'), row('2026-11-02T10:00:00Z', 'plan-1-a001-sim-claude'), row('2026-11-02T10:30:00Z')],
      otel: [otel('2026-11-02T10:45:00Z'), otel('2026-11-02T11:30:00Z'), otel('2026-11-02T13:00:00Z')],
      readings: [],
      windows: [],
    } as unknown as EverydayLedger;
    // Two overlapping arms 10:20-10:50 and 10:40-11:00, and one with no after snapshot: to its completion at 12:00.
    const arms = [
      arm('2026-11-02T10:20:00Z', '2026-11-02T10:50:00Z'),
      arm('2026-11-02T10:40:00Z', '2026-11-02T11:00:00Z'),
      arm('2026-11-02T11:20:00Z', null),
    ];
    const { ledger: mine, left_out } = selectEverydayDemand(ledger, arms, (provider) => provider);
    expect(mine.telemetry.map((one) => one.timestamp)).toEqual(['2026-11-02T09:00:00Z']);
    expect(mine.otel.map((one) => one.occurred_at)).toEqual(['2026-11-02T13:00:00Z']);
    expect(left_out).toBe(4);
  });
});
