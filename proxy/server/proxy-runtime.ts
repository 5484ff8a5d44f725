// What every proxied request shares: routes, pools, the telemetry queue, limits and budgets (a leaf: no circle through it).
import type { RefusalReason } from './record-refusals.js';
import type { TelemetryRow } from '../../ledger/index.js';
import type { ProxyBudget } from '../budget/proxy-budget.js';
import type { RoutingTable } from '../config/build-routing-table.js';
import type { BackendLogin } from '../forward/backend-login.js';
import type { BackendPools } from '../forward/backend-pools.js';
import type { FailoverChain } from '../failover/failover-chain.js';
import type { RateLimitRecorder } from '../telemetry/rate-limit-recorder.js';
import type { RowQueue } from '../telemetry/telemetry-queue.js';
import type { TranscriptRecorder } from '../transcript/transcript-recorder.js';
import type { ArmPaths } from './arm-paths.js';
import type { OtlpReceiver } from '../otel/answer-otlp.js';
import type { BodyBudget } from './body-budget.js';
import type { ProxyLimits } from './proxy-limits.js';

/** Refusals by error type since start: what /_tracker/health reports (unauthorized ones leave no telemetry row). */
export type RefusalCounts = Map<string, number>;

export interface ProxyRuntime {
  table: RoutingTable;
  pools: BackendPools;
  queue: RowQueue;
  recorder: RateLimitRecorder;
  /** The agent rows are stamped with when a request does not say (x-tracker-agent). */
  agentId: string;
  /** Keys read from the environment at start, by back-end name. */
  credentials: Map<string, string>;
  /** Logins (auth_login: codex, gemini), by back-end name: read from the user's own CLI's file, again whenever it changes. */
  logins: Map<string, BackendLogin>;
  /** When set, every request must carry it in `x-tracker-auth`. */
  authToken: string | null;
  /** Aborts every request in flight (shutdown after the grace period). */
  shutdown: AbortSignal;
  now: () => number;
  onTelemetry?: (row: TelemetryRow) => void;
  /** Token budgets, when any are set. */
  budget?: ProxyBudget | null;
  /** Timeouts and caps in force. */
  limits: ProxyLimits;
  /** Request-body bytes held in memory by all requests. */
  bodies: BodyBudget;
  /** Refusals by error type since start. */
  refusals: RefusalCounts;
  /** Per-window transcripts (evidence/<window>/turns.jsonl), when asked for; null: none, and no work for them. */
  transcripts: TranscriptRecorder | null;
  /** A run's proxy: the arms' base URLs, the only way in but /_tracker/ (arm-paths.ts); null: attribution by headers. */
  armPaths: ArmPaths | null;
  /** An everyday proxy's secret base path on loopback (start-path.ts): every request must come under it; null without. */
  startPath: string | null;
  /** Told at the first request refused outside `startPath` (only the first: sayOnce). */
  onWrongStartPath: () => void;
  /** Told at every 401 (kept in the data dir's state: record-refusals.ts), with why. */
  onUnauthorized: (reason: RefusalReason) => void;
  /** The default back end's failover chain (docs/failover.md); null without one. */
  failover: FailoverChain | null;
  /** The agents' own OpenTelemetry exports to /v1/logs and /v1/metrics, answered here (docs/otel.md). */
  otlp: OtlpReceiver;
}
