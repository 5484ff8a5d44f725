import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelemetryRowSchema, type TelemetryEvent } from '../../ledger/index.js';
import { findWindowTraceIds, ingestTelemetryEvents } from './ingest-proxy-telemetry.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'telemetry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { agentId: 'main', source: 'ingest' as const };
const event = (trace: string, extra: Partial<TelemetryEvent> = {}): TelemetryEvent => ({
  timestamp: '2026-11-21T08:00:00.000Z',
  session_id: 's1',
  subagent_id: 'haiku',
  backend_provider: 'glm',
  model: 'glm-4.5-air',
  prompt_tokens: 10,
  completion_tokens: 2,
  latency_ms: 100,
  status: 200,
  trace_id: trace,
  ...extra,
});
const rows = () =>
  readFileSync(join(dir, 'proxy_telemetry.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ingestTelemetryEvents', () => {
  it('stamps one row per event with the window, replacing the event window', () => {
    const result = ingestTelemetryEvents(dir, ctx, [event('a', { window_id: 'other' }), event('b')], { windowId: 'W0-CHN' });
    expect(result).toEqual({ window_id: 'W0-CHN', events: 2, recorded: 2, already_in_ledger: 0, duplicates_in_input: 0 });
    const written = rows();
    expect(written.map((row) => [row.kind, row.window_id, row.trace_id, row.source, row.agent_id])).toEqual([
      ['proxy-request', 'W0-CHN', 'a', 'ingest', 'main'],
      ['proxy-request', 'W0-CHN', 'b', 'ingest', 'main'],
    ]);
    for (const row of written) expect(TelemetryRowSchema.safeParse(row).success).toBe(true);
    expect(Object.keys(written[0] ?? {}).slice(0, 7)).toEqual(['id', 'kind', 'ts', 'schema_version', 'tool_version', 'source', 'agent_id']);
  });

  it('adds nothing the second time, and counts repeats within one input', () => {
    ingestTelemetryEvents(dir, ctx, [event('a'), event('b')], { windowId: 'W1' });
    const before = readFileSync(join(dir, 'proxy_telemetry.jsonl'));
    expect(ingestTelemetryEvents(dir, ctx, [event('a'), event('b'), event('b')], { windowId: 'W1' })).toMatchObject({
      recorded: 0,
      already_in_ledger: 3,
      duplicates_in_input: 0,
    });
    expect(readFileSync(join(dir, 'proxy_telemetry.jsonl')).equals(before)).toBe(true);
    expect(ingestTelemetryEvents(dir, ctx, [event('c'), event('c'), event('a')], { windowId: 'W1' })).toMatchObject({
      recorded: 1,
      already_in_ledger: 1,
      duplicates_in_input: 1,
    });
  });

  it('dedupes within a window only: the same trace in another window is another request', () => {
    ingestTelemetryEvents(dir, ctx, [event('a')], { windowId: 'W1' });
    expect(ingestTelemetryEvents(dir, ctx, [event('a')], { windowId: 'W2' }).recorded).toBe(1);
    expect([...findWindowTraceIds(dir, 'W1')]).toEqual(['a']);
    expect([...findWindowTraceIds(dir, 'W9')]).toEqual([]);
  });
});
