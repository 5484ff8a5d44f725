// What `experiment report` reads from a data directory: completed windows with their times, and the other ledgers' live rows.
import type {
  AnalysisPlanRow,
  RunStopRow,
  AnomalyRow,
  BudgetEventRow,
  Capacity,
  Outcome,
  PreviewRow,
  TelemetryRow,
  SubagentCapacity,
  WindowSubscription,
  WindowTests,
} from '../schemas/index.js';

/** One completed window as the report needs it: the folded window row plus the times of its captures. */
export interface ReportWindow {
  agent_id: string;
  provider: string;
  window_id: string;
  feature_id: string | null;
  methodology: string;
  quality: number;
  outcome: Outcome;
  capacity: Capacity | null;
  errors: string[];
  /** `captured_at` of the window's before and after snapshots; null when the snapshot row was not found. */
  started_at: string | null;
  ended_at: string | null;
  /** When the window was completed (the window row's `ts`). */
  completed_at: string;
  sequence?: string | undefined;
  period?: number | undefined;
  plan_id?: string | undefined;
  /** Which repeat of its task's crossover (plans run with `--epochs`); undefined otherwise. */
  epoch?: number | undefined;
  /** The subscription plan and its price, when the window recorded one. */
  subscription?: WindowSubscription | undefined;
  /** A second subscription the window's sub-agent requests used, when it was read. */
  subagent_capacity?: SubagentCapacity | undefined;
  /** The hidden tests by identity, counted (read only when asked: ReportNarrowing's `tests`). */
  tests?: ReportWindowTests | undefined;
}

/** A window's tests by identity without the names of the broken ones. */
export type ReportWindowTests = Omit<WindowTests, 'broken'>;

/** The fields of a proxy row the reports read: usage and cost per window, G3's routing, the latency figures. */
export const REPORT_TELEMETRY_FIELDS = [
  'timestamp',
  'agent_id',
  'backend_provider',
  'subagent_id',
  'model',
  'prompt_tokens',
  'completion_tokens',
  'cache_read_tokens',
  'cache_creation_tokens',
  'latency_ms',
  'ttft_ms',
  'status',
  'error_type',
  'window_id',
  'feature_id',
  'path',
  'command',
  'account',
  'request_digest',
  // Only on a request the failover chain moved: the viewer's Bars page counts those moves as it reads.
  'failover_from',
  'failover_reason',
] as const satisfies readonly (keyof TelemetryRow)[];

/** A proxy row as the report ledger holds it: REPORT_TELEMETRY_FIELDS only. */
export type ReportTelemetryRow = Pick<TelemetryRow, (typeof REPORT_TELEMETRY_FIELDS)[number]>;

/** A line the loader could not use, named so the user can find it. */
export interface SkippedLine {
  file: string;
  lineNo: number;
  reason: string;
}

export interface ReportLedger {
  dataDir: string;
  /** Completed windows in the order they were first completed. */
  windows: ReportWindow[];
  anomalies: AnomalyRow[];
  /** Recorded previews in file order (the gates read the unfiltered ones). */
  previews: PreviewRow[];
  /** The proxy's rows with only what the reports read (a whole row is ~650 bytes of heap: 195 MB for 300,000). */
  telemetry: ReportTelemetryRow[];
  budgetEvents: BudgetEventRow[];
  /** Pre-registered analyses (assignments.jsonl), in file order. */
  analysisPlans: AnalysisPlanRow[];
  /** The runner's early stops (assignments.jsonl), in file order: the report states them, never recomputes them. */
  runStops: RunStopRow[];
  /** Unreadable or invalid lines (the first ones of each file) and how many there were in all. */
  skipped: SkippedLine[];
  skippedCount: number;
  /** Files whose last line is torn (left as it is: the report only reads). */
  tornTails: string[];
}
