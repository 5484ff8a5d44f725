import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StampContext } from '../store/stamp-row.js';
import { completeWindow } from '../windows/complete-window.js';
import { recordSnapshot } from '../windows/record-snapshot.js';
import { readReportLedger } from './read-report-ledger.js';
import { readUsageInputs } from './read-usage-inputs.js';

const main: StampContext = { agentId: 'main', source: 'manual' };
const stamp = { ts: '2026-11-21T07:56:51.920Z', schema_version: 1, tool_version: '0.1.0', source: 'ingest', agent_id: 'main' };
// As docs/ccusage.md and docs/codex-rollouts.md show them (written by the real ingests).
const ccusage = {
  id: 'r-ccusage',
  kind: 'reading',
  ...stamp,
  provider: 'claude',
  captured_at: '2026-11-21T07:56:51.918Z',
  format: 'ccusage',
  bars: {},
  tokens: { total: 2512, input: 1500, output: 12, cache_read: 700, cache_creation: 300 },
  cost_usd: 0,
  period: { report: 'claude daily', key: '2026-11-21' },
  content_key: '1a8b4bab0efc30676b6c2e2608737e12',
};
const rollout = {
  id: 'r-rollout',
  kind: 'reading',
  ...stamp,
  provider: 'codex',
  captured_at: '2025-11-18T16:54:00.000Z',
  format: 'codex-rollout',
  bars: { five_hour: { used_pct: 8, resets_at: '2025-11-18T19:45:00.000Z', window_minutes: 300 } },
  tokens: { total: 5214, input: 5200, output: 14, cache_read: 2048 },
  session_id: '019a9662-000f-77e2-9575-3e0f02624e93',
};
const statusline = { ...rollout, id: 'r-bars-only', format: 'claude-statusline', tokens: undefined };
const retraction = { id: 'x1', kind: 'retraction', ...stamp, target_id: 'r-gone', target_kind: 'reading', reason: 'typo' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'usage-inputs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, rows: unknown[]) => appendFileSync(join(dir, file), rows.map((row) => `${JSON.stringify(row)}\n`).join(''));

describe('readUsageInputs', () => {
  it('keeps the readings with tokens (not retracted ones), the telemetry and the completed windows', () => {
    const bars = (pct: number) => ({ format: 'json', bars: { five_hour: { used_pct: pct, resets_at: null } }, parse_errors: [] });
    recordSnapshot(dir, main, { provider: 'claude', phase: 'before', reading: bars(10), capturedAt: new Date('2026-11-21T10:00:00Z') });
    recordSnapshot(dir, main, { provider: 'claude', phase: 'after', reading: bars(14), capturedAt: new Date('2026-11-21T10:40:00Z') });
    completeWindow(dir, main, { provider: 'claude', quality: 1, outcome: 'success', featureId: 'T1' });
    write('snapshots.jsonl', [ccusage, rollout, statusline, { ...ccusage, id: 'r-gone' }, retraction]);
    write('proxy_telemetry.jsonl', [
      {
        id: 't1',
        kind: 'proxy-request',
        ...stamp,
        source: 'proxy',
        timestamp: '2026-11-21T10:05:00.000Z',
        session_id: null,
        subagent_id: null,
        backend_provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        prompt_tokens: 10,
        completion_tokens: 2,
        latency_ms: 5,
        status: 200,
        trace_id: 'trace-1',
      },
    ]);
    const inputs = readUsageInputs(dir);
    expect(inputs.readings).toEqual([
      {
        provider: 'claude',
        captured_at: ccusage.captured_at,
        format: 'ccusage',
        tokens: ccusage.tokens,
        cost_usd: 0,
        period: ccusage.period,
      },
      {
        provider: 'codex',
        captured_at: rollout.captured_at,
        format: 'codex-rollout',
        tokens: rollout.tokens,
        session_id: rollout.session_id,
      },
    ]);
    expect(inputs.telemetry.map((row) => [row.model, row.session_id])).toEqual([['claude-sonnet-4-5', null]]);
    expect(inputs.windows).toHaveLength(1);
    expect(inputs.windows[0]).toMatchObject({ provider: 'claude', capacity: { delta: 4 }, ended_at: '2026-11-21T10:40:00.000Z' });
    expect(inputs.problems).toEqual([]);
    // Given the report ledger already read, the same inputs without reading the proxy rows and windows again, less the
    // rows' session and request ids, which the report ledger does not keep (only `tracker usage` reads them).
    appendFileSync(join(dir, 'proxy_telemetry.jsonl'), '{"kind":"proxy-request", torn\n');
    const again = readUsageInputs(dir);
    expect(again.problems).toEqual([expect.stringMatching(/^proxy_telemetry\.jsonl:2: /)]);
    const withoutSessions = { ...again, telemetry: again.telemetry.map(({ session_id: _session, trace_id: _request, ...row }) => row) };
    expect(readUsageInputs(dir, readReportLedger(dir))).toEqual(withoutSessions);
  });

  it('names an unreadable line and reads an empty data directory as nothing', () => {
    expect(readUsageInputs(dir)).toEqual({ telemetry: [], readings: [], otel: [], windows: [], problems: [] });
    appendFileSync(join(dir, 'snapshots.jsonl'), '{"kind":"reading", oops\n');
    expect(readUsageInputs(dir).problems).toEqual([expect.stringMatching(/^snapshots\.jsonl:1: /)]);
  });
});
