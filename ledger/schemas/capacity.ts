// Capacity readings: usage bars (percent of a window used, when it resets) and token counts.
import * as z from 'zod';
import type { BarName } from './bar-kinds.js';
import { ProviderIdSchema } from './ids.js';
import { IsoTimeSchema } from './stamp.js';

export const BarSchema = z.object({
  used_pct: z.number().min(0).max(100),
  /** When this bar resets, resolved to an absolute instant; null when the screen did not say. */
  resets_at: IsoTimeSchema.nullable(),
  /** The reset as the source showed it ("14:32 on 23 Nov", "3pm (Europe/London)"). */
  resets_text: z.string().optional(),
  window_minutes: z.number().int().positive().optional(),
  /** Exact counts behind the percentage, where the source sends them (GLM's quota endpoint): `used` of `limit`. */
  used: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().optional(),
});
export type Bar = z.infer<typeof BarSchema>;

/** One optional bar per kind (bar-kinds.ts). */
export const BarsSchema = z.object({
  five_hour: BarSchema.optional(),
  weekly: BarSchema.optional(),
  weekly_sonnet: BarSchema.optional(),
  daily: BarSchema.optional(),
} satisfies Record<BarName, unknown>);
export type Bars = z.infer<typeof BarsSchema>;

const count = z.number().int().nonnegative();
export const TokensSchema = z.object({
  input: count.optional(),
  output: count.optional(),
  cache_read: count.optional(),
  cache_creation: count.optional(),
  total: count,
});
export type Tokens = z.infer<typeof TokensSchema>;

/** The unit a window's capacity delta is measured in. */
export const CapacityUnitSchema = z.enum(['pct_5h', 'tokens']);
export type CapacityUnit = z.infer<typeof CapacityUnitSchema>;

/** The unit efficiency is shown in: a capacity unit, or dollars of subscription (the plan's price share a window used). */
export const EfficiencyUnitSchema = z.enum(['pct_5h', 'tokens', 'usd']);
export type EfficiencyUnit = z.infer<typeof EfficiencyUnitSchema>;

/** What any capacity observation says, window capture or reading alike: whose, when, from where, and the numbers. */
export const ObservationShape = {
  provider: ProviderIdSchema,
  captured_at: IsoTimeSchema,
  /** The source that read it: codex-status, claude-usage, json, claude-statusline, codex-rollout, ccusage, ... */
  format: z.string().min(1),
  bars: BarsSchema,
  tokens: TokensSchema.optional(),
  cost_usd: z.number().nonnegative().optional(),
};
