// Builds the budget_events.jsonl row of a budget event, stamped with the charge's agent.
import type { z } from 'zod';
import {
  AgentIdSchema,
  stampRow,
  WindowIdSchema,
  type BudgetEventRow,
  type BudgetEventTypeSchema,
  type BudgetMetricSchema,
  type BudgetModeSchema,
  type BudgetScopeSchema,
  type RowSource,
} from '../ledger/index.js';
import type { BudgetEvent, BudgetEventType, BudgetMetric, BudgetMode, BudgetScope } from './budget-contract.js';

/** Who writes the row; `agentId` stands in when the charge's agent is not a valid agent id. */
export interface BudgetRowWriter {
  agentId: string;
  source: RowSource;
  now?: () => Date;
}

export function buildBudgetEventRow(writer: BudgetRowWriter, event: BudgetEvent, traceId?: string): BudgetEventRow {
  const { context } = event;
  const agentId = AgentIdSchema.safeParse(context.agent).success ? context.agent : writer.agentId;
  return stampRow({ agentId, source: writer.source, ...(writer.now ? { now: writer.now } : {}) }, 'budget-event', {
    event: event.type,
    budget: event.budget,
    scope: event.scope,
    key: emptyToNull(event.key),
    metric: event.metric,
    mode: event.mode,
    limit: event.limit,
    used: event.used,
    ...(event.threshold === undefined ? {} : { threshold: event.threshold }),
    ...(event.overshoot === undefined ? {} : { overshoot: event.overshoot }),
    command: emptyToNull(context.command),
    provider: emptyToNull(context.provider),
    window_id: context.window !== null && WindowIdSchema.safeParse(context.window).success ? context.window : null,
    feature_id: emptyToNull(context.feature),
    model: emptyToNull(context.model),
    ...(traceId ? { trace_id: traceId } : {}),
    ...(event.detail ? { detail: event.detail } : {}),
  });
}

function emptyToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

// Compile-time check that the ledger's copies of the lists are the contract's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsAgree: [
  Same<z.infer<typeof BudgetEventTypeSchema>, BudgetEventType>,
  Same<z.infer<typeof BudgetScopeSchema>, BudgetScope>,
  Same<z.infer<typeof BudgetMetricSchema>, BudgetMetric>,
  Same<z.infer<typeof BudgetModeSchema>, BudgetMode>,
] = [true, true, true, true];
void listsAgree;
