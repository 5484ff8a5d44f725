// The JSON shapes of `ccusage … --json` (20.x): Claude and Codex namespaced reports and the unified ones.
import * as z from 'zod';

const count = z.number().int().nonnegative();
const money = z.number().nonnegative();

/** Fields every entry of a tokens report has, whatever the namespace. */
const TokenFields = z.object({
  inputTokens: count,
  outputTokens: count,
  cacheCreationTokens: count,
  cacheReadTokens: count,
  totalTokens: count,
});

/** `ccusage claude daily|weekly|monthly|session`: `totalCost` and `modelBreakdowns`. */
export const ClaudeEntrySchema = TokenFields.extend({ totalCost: money, modelsUsed: z.array(z.string()) });
/** `ccusage codex daily|monthly|session`: `costUSD` and a `models` object. */
export const CodexEntrySchema = TokenFields.extend({ costUSD: money, models: z.record(z.string(), z.unknown()) });
/** `ccusage daily|weekly|monthly|session` (unified): `period` and `agent`, with the agents in `metadata`. */
export const UnifiedEntrySchema = TokenFields.extend({
  period: z.string().min(1),
  agent: z.string().min(1),
  totalCost: money,
  metadata: z.object({ agents: z.array(z.string()).optional() }).optional(),
});
/** `ccusage claude blocks`: 5-hour billing blocks with `tokenCounts`. */
export const BlockEntrySchema = z.object({
  id: z.string().min(1),
  startTime: z.string().min(1),
  endTime: z.string().min(1),
  actualEndTime: z.string().nullable().optional(),
  isGap: z.boolean(),
  costUSD: money,
  totalTokens: count,
  tokenCounts: z.object({ inputTokens: count, outputTokens: count, cacheCreationInputTokens: count, cacheReadInputTokens: count }),
});

/** The key naming each entry, by report and namespace. */
export const ENTRY_KEYS = {
  daily: ['date', 'period'],
  weekly: ['week', 'period'],
  monthly: ['month', 'period'],
  sessions: ['sessionId'],
  session: ['period', 'sessionId'],
  blocks: ['id'],
} as const;
export type ReportList = keyof typeof ENTRY_KEYS;
