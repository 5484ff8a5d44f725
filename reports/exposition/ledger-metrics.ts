// What `tracker metrics` exposes (the Prometheus contract): each metric's samples, labelled after Prometheus' conventions.
import type { BarInputs } from '../../ledger/index.js';
import type { UsageInputs } from '../usage/usage-inputs.js';

/** One sample of one metric: its labels (bounded values only) and its value. */
export interface MetricSample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/** A request the proxy's failover chain moved (a proxy row with `failover_from`), back ends named as the rows name them. */
export interface FailoverMove {
  from: string;
  to: string;
  /** `rejected`: the back end refused for its window (a 429); `threshold`: one of its bars reached the set percent. */
  reason: string;
}

/** A recorded experiment plan's progress, as `experiment status` reads it. */
export interface PlanProgress {
  plan_id: string;
  state: string;
  done: number;
  open: number;
  pending: number;
}

/** What the metrics are made from: the ledger's rows as the usage tables, the bars and `experiment status` read them. */
export interface MetricsInputs {
  usage: UsageInputs;
  bars: BarInputs;
  failovers: readonly FailoverMove[];
  /** In the order the plans were first recorded. */
  plans: readonly PlanProgress[];
}

export interface MetricsOptions {
  now: Date;
  /** The zone of the days each provider's day is taken from one source in (the usage tables' rule): `tracker usage`'s. */
  timeZone: string;
  /** Projects, models and plans beyond this many (the largest kept) are one `other` value: a label's values stay bounded. */
  maxLabelValues: number;
}

/** Every metric's samples, named by the metric (without the `agent_tracker_` prefix). */
export interface LedgerMetrics {
  /** provider, account, model, project, kind (input, output, cache_read, cache_creation, unsplit). */
  tokens: MetricSample[];
  /** provider, account, model, project: list-price dollars of the tokens a price applies to. */
  cost_dollars: MetricSample[];
  /** provider, account, model: tokens no price applies to (their dollars are not in cost_dollars). */
  unpriced_tokens: MetricSample[];
  /** provider, account, bar: the last reading of the bar's current period, 0 to 1. */
  bar_used_ratio: MetricSample[];
  /** provider, account, bar: when the bar's current period resets, in Unix seconds. */
  bar_resets_timestamp_seconds: MetricSample[];
  /** provider, account, bar: when that last reading was taken, in Unix seconds. */
  bar_reading_timestamp_seconds: MetricSample[];
  /** provider, account: requests a rate limit refused (429), a client's retry of one counted once. */
  limit_hits: MetricSample[];
  /** from, to, reason: requests the proxy's failover chain moved. */
  failover_moves: MetricSample[];
  /** plan, state (done, open, pending): arms of each plan. */
  experiment_arms: MetricSample[];
  /** plan, state (running, stopped, complete, ...): 1 for the plan's state now. */
  experiment_state: MetricSample[];
  /** Ledger lines the readers could not use. */
  skipped_lines: number;
}
