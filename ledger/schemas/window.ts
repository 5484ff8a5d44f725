// A window row: the finalization of one provider's measurement period (invariant 7).
import * as z from 'zod';
import { CapacityUnitSchema } from './capacity.js';
import { CommitShaSchema, PlanIdSchema, ProviderIdSchema, WindowIdSchema } from './ids.js';
import { WindowOtelSchema } from './otel-usage.js';
import { StampSchema } from './stamp.js';
import { OUTCOMES } from '../vocabulary/index.js';

export { OUTCOMES } from '../vocabulary/index.js';

export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const CapacitySchema = z.object({
  unit: CapacityUnitSchema,
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after - before; null when it would be negative or cannot be computed (invariant 4). */
  delta: z.number().nonnegative().nullable(),
  /**
   * When a window measured in bars also has token counts: the token side, for invariant 6. From the captures' counters
   * at both ends, or (`source: ccusage`, before 0) ccusage's report of the window (`tracker ingest ccusage --window W`).
   */
  tokens: z
    .object({
      before: z.number(),
      after: z.number(),
      delta: z.number().nonnegative().nullable(),
      source: z.literal('ccusage').optional(),
    })
    .optional(),
  /** When both captures show the weekly bar: its side (% of the week), for the subscription's cost of the window. */
  weekly: z.object({ before: z.number(), after: z.number(), delta: z.number().nonnegative().nullable() }).optional(),
});
export type Capacity = z.infer<typeof CapacitySchema>;

/** Starts the methodology part of a window whose provider was answered by the scripted model server (the runner writes it; reports look for it). */
export const SIMULATED_MARK = 'SIMULATED:';

export const FeatureIdSchema = z.string().min(1, 'expected a non-empty task or feature id').max(128, 'expected at most 128 characters');

/** The plan a window was measured under and its price then, so the window can be priced in dollars of subscription. */
export const WindowSubscriptionSchema = z.strictObject({
  plan: PlanIdSchema,
  usd_per_month: z.number().positive(),
  priced_at: z.iso.date(),
});
export type WindowSubscription = z.infer<typeof WindowSubscriptionSchema>;

const BarDeltaSchema = z.strictObject({ before: z.number(), after: z.number(), delta: z.number().nonnegative().nullable() });

/**
 * A second subscription an arm used: the one its sub-agent (haiku-tier) requests were routed to, read from that
 * subscription's quota endpoint before and after, so its share of the work is priced too.
 */
export const SubagentCapacitySchema = z.strictObject({
  provider: ProviderIdSchema,
  /** The reading's format (quota-glm, ...). */
  format: z.string().min(1),
  five_hour: BarDeltaSchema.optional(),
  weekly: BarDeltaSchema.optional(),
  subscription: WindowSubscriptionSchema.optional(),
  /** How the arm's requests reached it: `failover` for a portfolio's (`claude>glm`); absent: its sub-agent requests. */
  route: z.enum(['failover']).optional(),
});
export type SubagentCapacity = z.infer<typeof SubagentCapacitySchema>;

const PassedOfSchema = z.strictObject({ passed: z.number().int().nonnegative(), total: z.number().int().nonnegative() });

/**
 * How the hidden tests went, by test identity (a task with fail_to_pass tests): quality_score is the share of
 * fail_to_pass that passed; `resolved` is SWE-bench's (every fail_to_pass and pass_to_pass test passed); `broken`
 * names the pass_to_pass tests that did not pass (the first 50).
 */
export const WindowTestsSchema = z.strictObject({
  fail_to_pass: PassedOfSchema,
  pass_to_pass: PassedOfSchema,
  resolved: z.boolean(),
  broken: z.array(z.string().min(1)).max(50),
});
export type WindowTests = z.infer<typeof WindowTestsSchema>;

export const WindowRowSchema = StampSchema.extend({
  kind: z.literal('window'),
  provider: ProviderIdSchema,
  window_id: WindowIdSchema,
  feature_id: FeatureIdSchema.nullable(),
  commit_start: CommitShaSchema.nullable(),
  commit_end: CommitShaSchema.nullable(),
  methodology: z.string().min(1),
  quality_score: z.number().min(0).max(1),
  outcome: OutcomeSchema,
  capacity: CapacitySchema.nullable(),
  before_id: z.string().min(1),
  after_id: z.string().min(1),
  /** Data problems found when the window was finalized, e.g. `negative-delta`. */
  errors: z.array(z.string()),
  notes: z.string().optional(),
  /** For windows of a planned experiment: the crossover sequence (AB, BA, or a Williams row such as ACB), the period (1-based) and the plan. */
  sequence: z
    .string()
    .regex(/^[A-Z]{2,12}$/, 'expected a sequence of arm letters such as AB or BA')
    .optional(),
  period: z.number().int().positive().optional(),
  plan_id: z.string().min(1).optional(),
  /** For a plan run with `--epochs K` (K > 1): which repeat of the task's crossover the window is (1-based). */
  epoch: z.number().int().positive().optional(),
  subscription: WindowSubscriptionSchema.optional(),
  subagent_capacity: SubagentCapacitySchema.optional(),
  tests: WindowTestsSchema.optional(),
  /** The agent's own OpenTelemetry count of the window and its comparison with the proxy's (docs/otel.md). */
  otel: WindowOtelSchema.optional(),
});
export type WindowRow = z.infer<typeof WindowRowSchema>;
