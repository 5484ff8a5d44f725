// A budget event row (budget_events.jsonl): a warning, an overrun, a refused or cut request, with what it was charged to.
import * as z from 'zod';
import { WindowIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

// The budget domain's lists (budget/budget-contract.ts) spelled out again, since the ledger imports nothing
// above it; budget/build-budget-event-row.ts fails to compile if the two ever differ.
export const BudgetEventTypeSchema = z.enum(['threshold', 'exceeded', 'refused', 'cut', 'stopped', 'overshoot']);
export const BudgetScopeSchema = z.enum(['overall', 'command', 'agent', 'provider', 'window', 'feature']);
export const BudgetMetricSchema = z.enum(['total', 'input', 'output', 'input+output', 'cost']);
export const BudgetModeSchema = z.enum(['warn', 'block']);

const text = z.string().min(1).nullable();

/** The charge's agent is the stamp's `agent_id`; the other context fields are null where unknown. */
export const BudgetEventRowSchema = StampSchema.extend({
  kind: z.literal('budget-event'),
  event: BudgetEventTypeSchema,
  /** The budget id: `overall`, `command:/test`, `agent:sub1`, ... */
  budget: z.string().min(1),
  scope: BudgetScopeSchema,
  key: text,
  metric: BudgetMetricSchema,
  mode: BudgetModeSchema,
  /** Tokens, or USD for the cost metric. */
  limit: z.number().positive(),
  /** Usage in the budget's metric when the event happened. */
  used: z.number().nonnegative(),
  /** `threshold`: the fraction crossed. */
  threshold: z.number().gt(0).lt(1).optional(),
  /** `overshoot`: what a charge took a block budget past its limit (charged: the request used it). */
  overshoot: z.number().positive().optional(),
  command: text,
  provider: text,
  window_id: WindowIdSchema.nullable(),
  feature_id: text,
  model: text,
  /** The request the event is about, when there is one. */
  trace_id: z.string().min(1).optional(),
  detail: z.string().min(1).optional(),
});
export type BudgetEventRow = z.infer<typeof BudgetEventRowSchema>;
