// What starting the routing proxy takes (ProxyOptions) and what a started one offers (RunningProxy).
import type { RebuildSummary } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import type { BudgetSetup } from '../budget/start-budget.js';
import type { ProxyBudget } from '../budget/proxy-budget.js';
import type { RoutingTable } from '../config/build-routing-table.js';
import type { FailoverEvent } from '../failover/failover-chain.js';
import type { OtlpLimits } from '../otel/otlp-limits.js';
import type { TranscriptOptions } from '../transcript/transcript-recorder.js';
import type { ArmBaseUrl } from './arm-paths.js';
import type { ProxyLimits } from './proxy-limits.js';

export interface ProxyOptions {
  table: RoutingTable;
  dataDir: string;
  agentId: string;
  host?: string;
  port?: number;
  authToken?: string | null;
  env?: NodeJS.ProcessEnv;
  onTelemetry?: (row: TelemetryRow) => void;
  onWriteError?: (message: string) => void;
  /** Telemetry batching (tests shorten it). */
  flushMs?: number;
  /** Token budgets to enforce; usage so far is rebuilt from the ledger at start. */
  budget?: BudgetSetup | null;
  /** Timeouts and caps; unset ones come from TRACKER_PROXY_* variables in `env`, else the defaults (docs/proxy.md, Hardening). */
  limits?: Partial<ProxyLimits>;
  /** Keep each window's turns (requests, responses, tool calls) in <dataDir>/evidence/<window>/turns.jsonl. Off by default. */
  transcripts?: TranscriptOptions | null;
  /**
   * A run's proxy: every request but /_tracker/ must come under a base URL made by `openArmPath`, which fixes its
   * attribution (arm-paths.ts); any other gets 403. Off by default: a proxy of one's own attributes by headers.
   */
  armPaths?: boolean;
  /**
   * An everyday proxy on loopback without a token: every request, /_tracker/ included, must come under this secret
   * base path (keepStartPath), which `url` then ends with. Null or absent: none.
   */
  startPath?: string | null;
  /** Told at the first request refused outside `startPath`, once per start. */
  onWrongStartPath?: () => void;
  /** Told at the first request refused for a missing or wrong x-tracker-auth token, once per start. */
  onWrongToken?: () => void;
  /** Caps of the OTLP exports the proxy takes at /v1/logs and /v1/metrics; unset ones from TRACKER_OTEL_* in `env`, else defaults. */
  otelLimits?: Partial<OtlpLimits>;
  /** Told one line per refused OTLP export (what was wrong, where its body was kept). */
  onOtelRefusal?: (line: string) => void;
  /** Told when the failover chain moves work on, or brings it back after a reset. */
  onFailover?: (event: FailoverEvent) => void;
  /** Told when a read of the failover chain's quota endpoint fails (one line, once until a read succeeds). */
  onFailoverQuotaProblem?: (line: string) => void;
  /** Epoch milliseconds now, for the failover chain's resets (tests move it). */
  clock?: () => number;
}

export interface RunningProxy {
  /** The base URL clients take: with the start path when there is one. */
  url: string;
  port: number;
  /** The budgets' tracker, when budgets are set (for displays). */
  budget: ProxyBudget | null;
  /** What a restart rebuilt from the ledger. */
  rebuilt: RebuildSummary | null;
  /** Requests in flight now. */
  inFlight(): number;
  /** The timeouts and caps in force. */
  limits: ProxyLimits;
  /** With `armPaths`: a base URL whose requests carry these attribution headers whatever they send; null without. */
  openArmPath: ((headers: Record<string, string>) => ArmBaseUrl) | null;
  /** Stops accepting, lets streams in flight finish for `graceMs`, aborts the rest, flushes telemetry. */
  stop(graceMs?: number): Promise<{ aborted: number; lostRows: number }>;
}
