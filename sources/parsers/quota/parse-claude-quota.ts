// Parses Claude's `GET /api/oauth/usage` answer (what Claude Code's own /usage reads): pure.
import * as z from 'zod';
import type { Bars } from '../../../ledger/schemas/index.js';
import type { ParseResult } from '../parse-result.js';
import { buildBar, checkShape, PERCENT_FIELD, RESET_ISO, readJsonBody, requireSomeBar, type ParsedQuota } from './quota-reading.js';

// Shape as served to Claude Code 2.x: each window `{utilization: 0-100, resets_at: ISO}` or null.
// Sources: docs/product.md#quota-endpoints; community monitors that call the same endpoint. Undocumented, so the
// fields read are checked strictly; fields we do not read (extra_usage, seven_day_oauth_apps) may come and go.
const WindowSchema = z.looseObject({ utilization: PERCENT_FIELD, resets_at: RESET_ISO.nullable() }).nullable();

const ClaudeQuotaSchema = z.looseObject({
  five_hour: WindowSchema,
  seven_day: WindowSchema,
  seven_day_sonnet: WindowSchema.optional(),
  seven_day_opus: WindowSchema.optional(),
});

const SLOTS = [
  ['five_hour', 'five_hour', 300],
  ['seven_day', 'weekly', 10_080],
  ['seven_day_sonnet', 'weekly_sonnet', 10_080],
] as const;

export function parseClaudeQuota(text: string): ParseResult<ParsedQuota> {
  const json = readJsonBody(text, 'Claude /api/oauth/usage');
  if (!json.ok) return json;
  const shape = checkShape(ClaudeQuotaSchema, json.value, 'Claude /api/oauth/usage');
  if (!shape.ok) return shape;
  const bars: Bars = {};
  const notes: string[] = [];
  for (const [field, slot, minutes] of SLOTS) {
    const window = shape.value[field];
    if (!window) continue;
    // Over 100 happens when extra usage is bought; the bar itself is full.
    if (window.utilization > 100) notes.push(`${field}-over-100`);
    bars[slot] = buildBar(window.utilization, window.resets_at === null ? null : new Date(window.resets_at).toISOString(), minutes);
  }
  if (shape.value.seven_day_opus) notes.push('seven_day_opus-not-kept');
  return requireSomeBar(
    { bars, plan: null, parse_errors: notes },
    'Claude /api/oauth/usage',
    'five_hour, seven_day and seven_day_sonnet are all null',
  );
}
