// Series from every source: one per provider and bar, in time order, a reading seen by two sources kept once.
import { describe, expect, it } from 'vitest';
import type { BarInputs } from '../../ledger/index.js';
import { collectBarSeries, createBarSeriesCollector } from './collect-bar-series.js';

const bar = (used_pct: number, resets_at: string | null = '2026-11-25T15:00:00.000Z') => ({ used_pct, resets_at });

describe('collectBarSeries', () => {
  it('merges captures, readings and proxy headers, names each source, and keeps one of a reading two sources saw', () => {
    const input: BarInputs = {
      snapshots: [{ provider: 'codex', captured_at: '2026-11-25T10:00:00Z', format: 'codex-status', bars: { five_hour: bar(20) } }],
      readings: [
        {
          provider: 'claude',
          captured_at: '2026-11-25T10:05:00Z',
          format: 'claude-statusline',
          bars: { five_hour: bar(30), weekly: bar(5) },
        },
        { provider: 'claude', captured_at: '2026-11-25T10:10:20Z', format: 'proxy-headers', bars: { five_hour: bar(31) } },
        { provider: 'claude', captured_at: '2026-11-25T10:10:00Z', format: 'quota-claude', bars: { five_hour: bar(31, null) } },
        { provider: 'codex', captured_at: '2026-11-25T10:20:00Z', format: 'codex-rollout', bars: { five_hour: bar(24) } },
      ],
      telemetry: [
        // The proxy's row of the same response as the proxy-headers reading: the same observation.
        { timestamp: '2026-11-25T10:10:05Z', backend_provider: 'anthropic', rate_limits: { five_hour: bar(31) } },
        { timestamp: '2026-11-25T10:15:00Z', backend_provider: 'anthropic', rate_limits: { five_hour: bar(33) } },
        { timestamp: '2026-11-25T10:16:00Z', backend_provider: 'glm', rate_limits: null },
      ],
    };
    const series = collectBarSeries(input);
    expect(series.map((s) => `${s.provider}/${s.bar}`)).toEqual(['claude/five_hour', 'claude/weekly', 'codex/five_hour']);
    expect(series[0]?.points).toEqual([
      { at: '2026-11-25T10:05:00.000Z', used_pct: 30, resets_at: '2026-11-25T15:00:00.000Z', source: 'statusline' },
      // The quota endpoint's reading is kept and takes the reset time the proxy's headers gave.
      { at: '2026-11-25T10:10:00.000Z', used_pct: 31, resets_at: '2026-11-25T15:00:00.000Z', source: 'quota-claude' },
      { at: '2026-11-25T10:15:00.000Z', used_pct: 33, resets_at: '2026-11-25T15:00:00.000Z', source: 'proxy-headers' },
    ]);
    expect(series[2]?.points.map((p) => p.source)).toEqual(['snapshot:codex-status', 'rollout']);

    // Fed one row at a time, interleaved as a file holds them and after a restart, the series are the same.
    const collector = createBarSeriesCollector();
    collector.reading(input.readings[0] as BarInputs['readings'][number]);
    collector.restart();
    const [telemetry, readings] = [[...input.telemetry].reverse(), [...input.readings].reverse()];
    for (const row of telemetry) collector.telemetry(row);
    for (const row of readings) collector.reading(row);
    for (const row of input.snapshots) collector.snapshot(row);
    expect(collector.finish()).toEqual(series);
  });

  it('keeps a repeated value a minute or more later, and a different value at the same instant', () => {
    const readings = [0, 30, 60, 60].map((seconds, i) => ({
      provider: 'glm',
      captured_at: new Date(Date.UTC(2026, 10, 25, 10, 0, seconds)).toISOString(),
      format: 'quota-glm',
      bars: { five_hour: bar(i === 3 ? 8 : 7) },
    }));
    const points = collectBarSeries({ snapshots: [], readings, telemetry: [] })[0]?.points ?? [];
    expect(points.map((p) => [p.at.slice(11, 19), p.used_pct])).toEqual([
      ['10:00:00', 7],
      ['10:01:00', 7],
      ['10:01:00', 8],
    ]);
  });
});
