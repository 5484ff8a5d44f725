// Parses the GLM Coding Plan quota endpoint (Z.ai `GET /api/monitor/usage/quota/limit`): pure.
import * as z from 'zod';
import type { Bars } from '../../../ledger/schemas/index.js';
import { fail, type ParseResult } from '../parse-result.js';
import {
  buildBar,
  checkShape,
  PERCENT_FIELD,
  RESET_EPOCH_MS,
  readJsonBody,
  requireSomeBar,
  toIsoTime,
  type ParsedQuota,
} from './quota-reading.js';

// Shape per docs/product.md#quota-endpoints and Z.ai's console: `percentage` is rounded, `currentValue` (used) and
// `usage` (the limit) are exact counts but null on Lite plans. `unit 3, number 5` is the 5-hour window,
// `unit 6, number 1` the weekly one. Types: TOKENS_LIMIT on most plans; CREDIT_LIMIT on some (community quota trackers
// report it with a real percentage and the counts present or null); TIME_LIMIT, the monthly tool
// quota, has another window and is no capacity bar. Any type whose window is 5 hours or a week is read; for one
// window, TOKENS_LIMIT wins over another type.
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional();
const LimitSchema = z.looseObject({
  type: z.string().min(1),
  unit: z.number().int(),
  number: z.number().int().positive(),
  percentage: PERCENT_FIELD,
  usage: count,
  currentValue: count,
  remaining: count,
  nextResetTime: RESET_EPOCH_MS.nullable().optional(),
});

const GlmQuotaSchema = z.looseObject({
  code: z.number().int(),
  msg: z.string().optional(),
  data: z
    .looseObject({ level: z.string().min(1).nullable().optional(), limits: z.array(LimitSchema) })
    .nullable()
    .optional(),
});

const WINDOWS: Record<string, { slot: 'five_hour' | 'weekly'; minutes: number }> = {
  '3:5': { slot: 'five_hour', minutes: 300 },
  '6:1': { slot: 'weekly', minutes: 10_080 },
};

export function parseGlmQuota(text: string): ParseResult<ParsedQuota> {
  const label = 'GLM /api/monitor/usage/quota/limit';
  const json = readJsonBody(text, label);
  if (!json.ok) return json;
  const shape = checkShape(GlmQuotaSchema, json.value, label);
  if (!shape.ok) return shape;
  const { code, msg, data } = shape.value;
  if (code !== 200 || !data) return fail(`${label} answered code ${code}${msg ? ` (${msg})` : ''} with no data (nothing was recorded)`);
  const bars: Bars = {};
  const notes: string[] = [];
  const readFrom = new Map<string, string>();
  // TOKENS_LIMIT rows first, so another type only fills a window they leave empty.
  const ordered = [...data.limits.entries()].sort(([, a], [, b]) => Number(b.type === 'TOKENS_LIMIT') - Number(a.type === 'TOKENS_LIMIT'));
  for (const [index, limit] of ordered) {
    const window = WINDOWS[`${limit.unit}:${limit.number}`];
    if (!window) {
      if (limit.type === 'TOKENS_LIMIT')
        return fail(
          `${label} answer has an unexpected shape at data.limits[${index}].unit: unit ${limit.unit}, number ${limit.number} is neither the 5-hour nor the weekly window (nothing was recorded)`,
        );
      continue; // TIME_LIMIT's monthly tool quota, or another window that is no capacity bar
    }
    if (readFrom.has(window.slot)) {
      notes.push(`${limit.type}-${window.slot}-not-kept`);
      continue;
    }
    readFrom.set(window.slot, limit.type);
    if (limit.type !== 'TOKENS_LIMIT') notes.push(`${window.slot}-from-${limit.type}`);
    const resetsAt = typeof limit.nextResetTime === 'number' ? toIsoTime(limit.nextResetTime, 'ms') : null;
    const exact = typeof limit.usage === 'number' && limit.usage > 0 && typeof limit.currentValue === 'number';
    if (exact) {
      const counts = { used: limit.currentValue as number, limit: limit.usage as number };
      bars[window.slot] = buildBar((counts.used / counts.limit) * 100, resetsAt, window.minutes, counts);
    } else {
      notes.push(`${window.slot}-percentage-rounded`);
      bars[window.slot] = buildBar(limit.percentage, resetsAt, window.minutes);
    }
  }
  const types = [...new Set(data.limits.map((limit) => `${limit.type} (unit ${limit.unit}, number ${limit.number})`))];
  return requireSomeBar(
    { bars, plan: data.level ?? null, parse_errors: notes },
    label,
    `no limit has a 5-hour or weekly window (limits: ${types.join(', ') || 'none'})`,
  );
}
