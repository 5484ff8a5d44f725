// Parses Google's Code Assist quota (`POST v1internal:retrieveUserQuota`, what Gemini CLI signed in with Google reads): pure.
import * as z from 'zod';
import type { Bars } from '../../../ledger/schemas/index.js';
import type { ParseResult } from '../parse-result.js';
import { buildBar, checkShape, RESET_ISO, readJsonBody, requireSomeBar, type ParsedQuota } from './quota-reading.js';

const DAY_MINUTES = 24 * 60;

// Shape as Gemini CLI 0.61.0 reads it (its bundle, refreshUserQuota): `buckets[]`, one per model, each with
// `remainingFraction` (0..1), `remainingAmount` (an int64 sent as a decimal string, absent on some accounts),
// `resetTime` (ISO) and `tokenType` ("REQUESTS"). The CLI skips a bucket without modelId or remainingFraction and
// takes the limit as round(remainingAmount / remainingFraction); so does this parser.
const BucketSchema = z.looseObject({
  modelId: z.string().min(1).optional(),
  remainingFraction: z.number().min(0).max(1).optional(),
  remainingAmount: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a whole number of requests as a decimal string')
    .optional(),
  resetTime: RESET_ISO.optional(),
  tokenType: z.string().optional(),
});
const GeminiQuotaSchema = z.looseObject({ buckets: z.array(BucketSchema).optional() });

/**
 * One `daily` bar: the bucket of `model` when one is named and the answer has it (a run's arms use one model, and a
 * before and after of another bucket would not move with them), else the bucket nearest its limit (the least
 * remaining), the one that stops the user first; a note names its model (`daily-from-<model>`) so a change of bucket
 * between readings can be seen. Counts (used of limit) where the answer sends the remaining amount and some is left.
 */
export function parseGeminiQuota(text: string, model?: string): ParseResult<ParsedQuota> {
  const label = 'Gemini v1internal:retrieveUserQuota';
  const json = readJsonBody(text, label);
  if (!json.ok) return json;
  const shape = checkShape(GeminiQuotaSchema, json.value, label);
  if (!shape.ok) return shape;
  const buckets = (shape.value.buckets ?? []).filter(
    (bucket): bucket is typeof bucket & { modelId: string; remainingFraction: number } =>
      bucket.modelId !== undefined && bucket.remainingFraction !== undefined,
  );
  const bars: Bars = {};
  const notes: string[] = [];
  const nearest =
    buckets.find((bucket) => bucket.modelId === model) ??
    buckets.reduce<(typeof buckets)[number] | null>(
      (best, bucket) => (best === null || bucket.remainingFraction < best.remainingFraction ? bucket : best),
      null,
    );
  if (nearest) {
    const remaining = nearest.remainingAmount === undefined ? null : Number(nearest.remainingAmount);
    const limit = remaining !== null && nearest.remainingFraction > 0 ? Math.round(remaining / nearest.remainingFraction) : null;
    const counts = remaining !== null && limit !== null && limit > 0 ? { used: Math.max(0, limit - remaining), limit } : undefined;
    // The fraction is what the answer says; the counts only restate it (the CLI derives its limit the same way).
    bars.daily = buildBar(
      (1 - nearest.remainingFraction) * 100,
      nearest.resetTime ? new Date(nearest.resetTime).toISOString() : null,
      DAY_MINUTES,
      counts,
    );
    notes.push(`daily-from-${nearest.modelId}`);
    if (buckets.length > 1) notes.push(`buckets-${buckets.length}`);
  }
  return requireSomeBar({ bars, plan: null, parse_errors: notes }, label, 'no bucket has a model and a remaining fraction');
}
