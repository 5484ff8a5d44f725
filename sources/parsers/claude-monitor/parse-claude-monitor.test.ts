// claude-monitor's snapshot: the block's tokens, official bars only, its own estimate kept apart, other JSON refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClaudeMonitorSnapshot } from './parse-claude-monitor.js';

const text = readFileSync(join(import.meta.dirname, '..', 'test-fixtures', 'claude-monitor-snapshot.json'), 'utf8');

describe('parseClaudeMonitorSnapshot', () => {
  it("reads the active block's cache-inclusive tokens and dollars, and records no bar from a local estimate", () => {
    const parsed = parseClaudeMonitorSnapshot(text);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        generatedAt: '2026-11-20T13:40:00.000Z',
        block: {
          start: '2026-11-20T12:00:00.000Z',
          end: '2026-11-20T17:00:00.000Z',
          tokens: { input: 8500, output: 3508, cache_read: 2000, cache_creation: 5000, total: 19008 },
          costUsd: 4.27,
        },
        bars: {},
        estimatedFiveHourPct: 63.2,
      },
    });
  });

  it("takes the bars claude-monitor passes on from Claude Code's statusline (confidence official)", () => {
    const json = JSON.parse(text);
    json.limits.five_hour = { used_percentage: 41, resets_at_epoch: 1795194000, confidence: 'official' };
    json.limits.seven_day = { used_percentage: 12, resets_at_epoch: null, confidence: 'official' };
    const parsed = parseClaudeMonitorSnapshot(JSON.stringify(json));
    expect(parsed.ok && parsed.value.bars).toEqual({
      five_hour: { used_pct: 41, resets_at: '2026-11-20T17:00:00.000Z', window_minutes: 300 },
      weekly: { used_pct: 12, resets_at: null, window_minutes: 10_080 },
    });
    expect(parsed.ok && parsed.value.estimatedFiveHourPct).toBe(null);
  });

  it('reads no block when claude-monitor saw no session', () => {
    const json = JSON.parse(text);
    json.local.is_active = false;
    const parsed = parseClaudeMonitorSnapshot(JSON.stringify(json));
    expect(parsed.ok && parsed.value.block).toBe(null);
  });

  it('refuses other JSON, another schema version and broken token counts, each in one line', () => {
    expect(parseClaudeMonitorSnapshot('{"daily":[]}')).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringMatching(/^expected a claude-monitor snapshot/) }],
    });
    expect(parseClaudeMonitorSnapshot(text.replace('"1.0"', '"2.0"'))).toMatchObject({
      ok: false,
      issues: [{ message: 'expected claude-monitor\'s snapshot schema_version "1.0", got "2.0"' }],
    });
    expect(parseClaudeMonitorSnapshot(text.replace('"output_tokens": 3508', '"output_tokens": -1'))).toMatchObject({ ok: false });
    expect(parseClaudeMonitorSnapshot('not json')).toMatchObject({ ok: false });
  });
});
