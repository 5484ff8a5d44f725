// The budget domain's contract: scopes, metrics, limits, what a charge is attributed to, and the events it causes.
import type { UsageTokens } from './prices/cost-of-usage.js';

export const BUDGET_SCOPES = ['overall', 'command', 'agent', 'provider', 'window', 'feature'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

export const BUDGET_METRICS = ['total', 'input', 'output', 'input+output', 'cost'] as const;
export type BudgetMetric = (typeof BUDGET_METRICS)[number];

export const BUDGET_MODES = ['warn', 'block'] as const;
export type BudgetMode = (typeof BUDGET_MODES)[number];

/** One limit: "command /test may use 1000 output tokens, block". */
export interface BudgetLimit {
  /** Stable name used in events and displays: `overall`, `command:/test`, `agent:sub1`, ... */
  id: string;
  scope: BudgetScope;
  /** The scope's key (`/test`, `sub1`, `glm`, a window or feature id); null for overall. */
  key: string | null;
  /** Tokens, or USD for the `cost` metric. Positive. */
  limit: number;
  metric: BudgetMetric;
  mode: BudgetMode;
  /** Soft thresholds as fractions of the limit (e.g. [0.8]); each is recorded once when crossed. */
  warnAt: number[];
  /** Where the limit was set (`--command-budget`, `budget.json: commands./test`), for --list and errors. */
  source?: string;
  /**
   * A template (`--arm-budget`, a plan's task budget): not one budget but one for each window charged, made when that window is first
   * seen, with `key` the window and id `<id>:<window>`. Only the window scope takes it; `key` is null here.
   */
  each?: boolean;
  /** A template for the windows of this provider's arms only (BudgetPolicy.windowProvider says whose a window is). */
  provider?: string;
  /**
   * Reached, it stops the arm's agent (the runner) but never refuses, reserves or cuts a request at the proxy, and it
   * charges what was used past it: a task budget, whose arm costs what it used (mode `warn` otherwise).
   */
  stopOnly?: boolean;
}

/** What a charge belongs to; a null field matches no budget of that scope. */
export interface ChargeContext {
  agent: string;
  /** Normalized base command (`/test`), or null. */
  command: string | null;
  provider: string | null;
  window: string | null;
  feature: string | null;
  /** For the cost metric. */
  model: string | null;
}

/** Token counts in the Anthropic convention (input excludes cache reads and writes). */
export type UsageDelta = UsageTokens;

export const BUDGET_EVENT_TYPES = ['threshold', 'exceeded', 'refused', 'cut', 'stopped', 'overshoot'] as const;
export type BudgetEventType = (typeof BUDGET_EVENT_TYPES)[number];

export interface BudgetEvent {
  type: BudgetEventType;
  budget: string;
  scope: BudgetScope;
  key: string | null;
  metric: BudgetMetric;
  mode: BudgetMode;
  limit: number;
  /** Usage of the budget's metric when the event happened. */
  used: number;
  /** For `threshold`: the fraction crossed. */
  threshold?: number;
  /** For `overshoot`: what a charge took a block budget past its limit; charged, as the request log records it. */
  overshoot?: number;
  context: ChargeContext;
  detail?: string;
}
