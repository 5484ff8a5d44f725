// Reads claude-monitor's one-shot snapshot (`claude-monitor --once --output json`, schema_version 1.0).
import type { Bar, Bars, Tokens } from '../../../ledger/schemas/index.js';
import { isObject } from '../is-object.js';
import { fail, succeed, type ParseResult } from '../parse-result.js';

/**
 * What a snapshot says: the active 5-hour block's tokens and dollars as claude-monitor counts them from Claude Code's
 * transcripts, and the bars only where it passes on Claude Code's own statusline `rate_limits` (confidence
 * "official"). Its "local_estimate" percentages are tokens over a plan limit it guesses (P90 of past blocks, or a
 * fixed table), not Anthropic's bar, so they are kept apart and never recorded as bars.
 * Source: Maciek-roboblog/Claude-Code-Usage-Monitor, src/claude_monitor/output/snapshots.py.
 */
export interface ClaudeMonitorSnapshot {
  generatedAt: string;
  toolVersion: string | null;
  /** The active block, or null when claude-monitor saw no session in the last 5 hours. */
  block: { start: string; end: string | null; tokens: Tokens; costUsd: number } | null;
  bars: Bars;
  /** Its own estimate of the 5-hour percentage, when not official: reported, never recorded as a bar. */
  estimatedFiveHourPct: number | null;
}

export function parseClaudeMonitorSnapshot(text: string): ParseResult<ClaudeMonitorSnapshot> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('expected the JSON of `claude-monitor --once --output json`, got text that is not JSON');
  }
  if (!isObject(json) || !isObject(json.tool) || json.tool.name !== 'claude-monitor')
    return fail('expected a claude-monitor snapshot (tool.name "claude-monitor"), got other JSON');
  if (json.schema_version !== '1.0')
    return fail(`expected claude-monitor's snapshot schema_version "1.0", got ${JSON.stringify(json.schema_version)}`);
  const generatedAt = readInstant(json.generated_at);
  if (generatedAt === null) return fail('expected generated_at, an ISO time');
  if (!isObject(json.local) || !isObject(json.limits)) return fail('expected the snapshot\'s "local" and "limits" objects');
  const block = readBlock(json.local);
  if (block === 'bad') return fail('expected local.tokens with whole, non-negative token counts and local.session_start');
  const bars: Bars = {};
  const five = readOfficialBar(json.limits.five_hour, 300);
  if (five) bars.five_hour = five;
  const week = readOfficialBar(json.limits.seven_day, 10_080);
  if (week) bars.weekly = week;
  const fiveHour = isObject(json.limits.five_hour) ? json.limits.five_hour : {};
  const estimated = !five && typeof fiveHour.used_percentage === 'number' ? fiveHour.used_percentage : null;
  return succeed({
    generatedAt,
    toolVersion: typeof json.tool.version === 'string' ? json.tool.version : null,
    block,
    bars,
    estimatedFiveHourPct: estimated,
  });
}

function readBlock(local: Record<string, unknown>): ClaudeMonitorSnapshot['block'] | 'bad' {
  if (local.is_active !== true) return null;
  const start = readInstant(local.session_start);
  const counts = isObject(local.tokens) ? local.tokens : null;
  if (start === null || counts === null) return 'bad';
  const fields = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const;
  const values = fields.map((field) => counts[field]);
  if (!values.every((value) => Number.isInteger(value) && (value as number) >= 0)) return 'bad';
  const [input, output, cacheRead, cacheCreation] = values as number[];
  return {
    start,
    end: readInstant(local.session_end),
    // Cache-inclusive, as ccusage and claude-monitor's own total_tokens count.
    tokens: {
      input: input ?? 0,
      output: output ?? 0,
      cache_read: cacheRead ?? 0,
      cache_creation: cacheCreation ?? 0,
      total: (input ?? 0) + (output ?? 0) + (cacheRead ?? 0) + (cacheCreation ?? 0),
    },
    costUsd: typeof local.cost_usd === 'number' && local.cost_usd >= 0 ? local.cost_usd : 0,
  };
}

/** A bar only from Claude Code's own rate_limits (confidence "official"), with its reset when given. */
function readOfficialBar(window: unknown, minutes: number): Bar | null {
  if (!isObject(window) || window.confidence !== 'official') return null;
  const pct = window.used_percentage;
  if (typeof pct !== 'number' || !(pct >= 0 && pct <= 100)) return null;
  const epoch = window.resets_at_epoch;
  const resetsAt = typeof epoch === 'number' && Number.isFinite(epoch) ? new Date(epoch * 1000).toISOString() : null;
  return { used_pct: pct, resets_at: resetsAt, window_minutes: minutes };
}

function readInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
