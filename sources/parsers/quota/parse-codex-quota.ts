// Parses the ChatGPT account endpoint Codex reads its bars from (`GET /backend-api/wham/usage`): pure.
import * as z from 'zod';
import type { Bars } from '../../../ledger/schemas/index.js';
import { fail, type ParseResult } from '../parse-result.js';
import {
  buildBar,
  checkShape,
  PERCENT_FIELD,
  RESET_EPOCH_S,
  readJsonBody,
  requireSomeBar,
  toIsoTime,
  type ParsedQuota,
} from './quota-reading.js';

const FIVE_HOURS_S = 18_000;
const WEEK_S = 604_800;

// Shape per docs/product.md#quota-endpoints (the same numbers `codex app-server`'s account/rateLimits/read returns).
// used_percent arrives as a whole number; limit_window_seconds says which window a slot is.
const WindowSchema = z.looseObject({
  used_percent: PERCENT_FIELD,
  limit_window_seconds: z.number().int().positive(),
  reset_after_seconds: z
    .number()
    .min(0)
    .max(WEEK_S * 5)
    .optional(),
  reset_at: RESET_EPOCH_S.optional(),
});

const CodexQuotaSchema = z.looseObject({
  plan_type: z.string().min(1).nullable().optional(),
  rate_limit: z
    .looseObject({ primary_window: WindowSchema.nullable().optional(), secondary_window: WindowSchema.nullable().optional() })
    .nullable(),
});

/** `now` is when the answer arrived: a window with only `reset_after_seconds` resets that long after it. */
export function parseCodexQuota(text: string, now: Date): ParseResult<ParsedQuota> {
  const json = readJsonBody(text, 'Codex /backend-api/wham/usage');
  if (!json.ok) return json;
  const shape = checkShape(CodexQuotaSchema, json.value, 'Codex /backend-api/wham/usage');
  if (!shape.ok) return shape;
  const bars: Bars = {};
  for (const field of ['primary_window', 'secondary_window'] as const) {
    const window = shape.value.rate_limit?.[field];
    if (!window) continue;
    const slot = window.limit_window_seconds === FIVE_HOURS_S ? 'five_hour' : window.limit_window_seconds === WEEK_S ? 'weekly' : null;
    if (slot === null)
      return fail(
        `Codex /backend-api/wham/usage answer has an unexpected shape at rate_limit.${field}.limit_window_seconds: ${window.limit_window_seconds} is neither 5 hours nor a week (nothing was recorded)`,
      );
    const resetsAt =
      window.reset_at !== undefined
        ? toIsoTime(window.reset_at, 's')
        : window.reset_after_seconds !== undefined
          ? new Date(now.getTime() + window.reset_after_seconds * 1000).toISOString()
          : null;
    bars[slot] = buildBar(window.used_percent, resetsAt, window.limit_window_seconds / 60);
  }
  const reading: ParsedQuota = {
    bars,
    plan: shape.value.plan_type ?? null,
    parse_errors: ['percentage-rounded'],
  };
  const rateLimit = shape.value.rate_limit;
  const why =
    rateLimit === null
      ? 'rate_limit is null'
      : `rate_limit has no primary_window or secondary_window (it has: ${Object.keys(rateLimit).join(', ') || 'nothing'})`;
  return requireSomeBar(reading, 'Codex /backend-api/wham/usage', why);
}
