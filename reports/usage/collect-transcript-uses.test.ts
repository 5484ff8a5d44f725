import { describe, expect, it } from 'vitest';
import { makeProxyRow, makeUsageInputs } from '../test-fixtures/make-usage-inputs.js';
import { readReadingTimedUses } from '../metrics/collect-everyday-uses.js';
import { buildGroupTable } from './build-group-table.js';
import { buildUsageTable } from './build-usage-table.js';
import { selectTranscriptReadings } from './collect-transcript-uses.js';
import type { UsageReading } from './usage-inputs.js';

/** A transcript answer as `tracker ingest claude-transcripts` records it. */
function makeAnswer(at: string, key: string | undefined, input: number, output: number, extra: Partial<UsageReading> = {}): UsageReading {
  return {
    provider: 'claude',
    captured_at: at,
    format: 'claude-transcript',
    model: 'claude-sonnet-4-5',
    tokens: { input, output, cache_read: 0, cache_creation: 0, total: input + output },
    session_id: 's-1',
    project: '/work/alpha',
    ...(key === undefined ? {} : { message_key: key }),
    ...extra,
  };
}

describe('selectTranscriptReadings', () => {
  it('keeps the fullest copy of an answer, the first on a tie, and every reading without a key', () => {
    const streamed = makeAnswer('2026-11-20T09:00:03Z', 'msg_1:req_1', 3, 1);
    const whole = makeAnswer('2026-11-20T09:00:05Z', 'msg_1:req_1', 3, 245);
    const resumed = makeAnswer('2026-11-21T09:00:00Z', 'msg_1:req_1', 3, 245, { session_id: 's-2' });
    const unkeyed = makeAnswer('2026-11-20T10:00:00Z', undefined, 7, 7);
    expect(selectTranscriptReadings([streamed, whole, resumed, unkeyed, unkeyed])).toEqual([whole, unkeyed, unkeyed]);
  });
});

describe('Claude Code transcripts in the usage tables', () => {
  const readings = [
    makeAnswer('2026-11-20T09:00:03Z', 'msg_1:req_1', 3, 1),
    makeAnswer('2026-11-20T09:00:05Z', 'msg_1:req_1', 3, 245),
    makeAnswer('2026-11-20T09:01:00Z', 'msg_2:req_2', 1200, 90, { subagent_id: '5e1f0c2a', model: 'claude-haiku-4-5' }),
    makeAnswer('2026-11-21T14:00:00Z', 'msg_3:req_3', 10, 700, { project: '/work/beta', session_id: 's-3' }),
  ];

  it('count each answer once on its day, after the proxy on a day the proxy saw', () => {
    const proxy = makeProxyRow('2026-11-21T14:00:00Z', 'claude-sonnet-4-5', [100, 10, 0, 0]);
    const rows = buildUsageTable(makeUsageInputs({ readings, telemetry: [proxy] }), 'day', 'UTC');
    expect(rows.map((row) => [row.period, row.model, row.total, row.source])).toEqual([
      ['2026-11-20', 'claude-haiku-4-5', 1290, 'claude-transcript'],
      ['2026-11-20', 'claude-sonnet-4-5', 248, 'claude-transcript'],
      ['2026-11-21', 'claude-sonnet-4-5', 110, 'proxy'],
    ]);
  });

  it('split by project and sub-agent; a source that names neither is (unknown), not dropped', () => {
    const proxy = makeProxyRow('2026-11-22T08:00:00Z', 'claude-sonnet-4-5', [100, 10, 0, 0]);
    const inputs = makeUsageInputs({ readings, telemetry: [{ ...proxy, subagent_id: 'haiku' }] });
    expect(buildGroupTable(inputs, 'project', 'UTC').map((row) => [row.group, row.total])).toEqual([
      ['/work/alpha', 1538],
      ['/work/beta', 710],
      ['(unknown)', 110],
    ]);
    expect(buildGroupTable(inputs, 'subagent', 'UTC').map((row) => [row.group, row.total, row.source])).toEqual([
      ['5e1f0c2a', 1290, 'claude-transcript'],
      ['(main)', 958, 'claude-transcript'],
      ['haiku', 110, 'proxy'],
    ]);
    expect(buildGroupTable(inputs, 'project', 'UTC', { since: '2026-11-21', until: '2026-11-21' }).map((row) => row.group)).toEqual([
      '/work/beta',
    ]);
  });

  it('are timed uses for the everyday calibration and tracker plans, each answer once', () => {
    expect(readReadingTimedUses(readings).map((use) => [use.source, use.at_ms, use.output])).toEqual([
      ['claude-transcript', Date.parse('2026-11-20T09:00:05Z'), 245],
      ['claude-transcript', Date.parse('2026-11-20T09:01:00Z'), 90],
      ['claude-transcript', Date.parse('2026-11-21T14:00:00Z'), 700],
    ]);
  });
});

describe('Codex rollouts in the per-project table', () => {
  it("put each turn under the folder its session ran in (the session_meta's cwd), a row without one under (unknown)", () => {
    // Running totals as `tracker ingest codex-rollout` records them: each turn is the step from the one before.
    const rollout = (at: string, total: number, session: string, project?: string): UsageReading => ({
      provider: 'codex',
      captured_at: at,
      format: 'codex-rollout',
      model: 'gpt-5-codex',
      tokens: { input: total, output: 0, cache_read: 0, total },
      session_id: session,
      ...(project === undefined ? {} : { project }),
    });
    const readings = [
      rollout('2026-11-20T09:00:00Z', 1000, 's-a', '/work/alpha'),
      rollout('2026-11-20T09:05:00Z', 1500, 's-a', '/work/alpha'),
      rollout('2026-11-20T10:00:00Z', 300, 's-b'),
    ];
    expect(buildGroupTable(makeUsageInputs({ readings }), 'project', 'UTC').map((row) => [row.group, row.total, row.source])).toEqual([
      ['/work/alpha', 1500, 'codex-rollout'],
      ['(unknown)', 300, 'codex-rollout'],
    ]);
  });
});
