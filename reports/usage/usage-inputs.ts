// What the usage tables and the limit-change chart read (the viewer's usage contract): slim ledger rows, and what they give.
import type { PriceTable } from '../../budget/prices/index.js';
import type { ReportWindow, TelemetryRow, UsageLedgerReading, UsageOtelRow } from '../../ledger/index.js';
import type { WindowUsage } from '../metrics/summarize-window-usage.js';

/** A proxy-request row as far as token counts go. */
export type UsageTelemetry = Pick<
  TelemetryRow,
  'timestamp' | 'backend_provider' | 'model' | 'prompt_tokens' | 'completion_tokens' | 'status' | 'error_type'
> &
  Partial<
    Pick<
      TelemetryRow,
      | 'cache_read_tokens'
      | 'cache_creation_tokens'
      | 'path'
      | 'window_id'
      | 'session_id'
      | 'subagent_id'
      | 'account'
      | 'request_digest'
      | 'trace_id'
    >
  >;

/** A reading row that carries token counts (ccusage entries, Codex rollout events, Gemini CLI's answers). */
export type UsageReading = UsageLedgerReading;

/** Where a use's tokens were counted, in the order a provider's day is won (USAGE_SOURCES, usage-sources.ts). */
export type UsageSource = 'proxy' | 'otel' | 'claude-transcript' | 'codex-rollout' | 'gemini-session' | 'ccusage' | 'snapshots';

/** A usage row before it has a period: one source's tokens on one day (and, where the source names it, one session). */
export type TokenUse = Omit<UsageRow, 'period' | 'source'> & {
  source: UsageSource;
  day: string;
  /** The agent's session id, when the source names one and sessions were asked for (null otherwise). */
  session?: string | null;
  /** The latest instant of the use, when the source has one (a day's totals have none). */
  last_at?: string | null;
  /** The agent's working directory, when the source names it (null: it names none; undefined: it cannot). */
  project?: string | null;
  /** The sub-agent that spent it, when asked for: null for the main agent; undefined when the source cannot tell. */
  subagent?: string | null;
  /** Requests the proxy did not carry on a day it saw (by request id): counted beside its rows (usage-sources.ts). */
  beside?: boolean;
};

/**
 * The proxy's rows added up as a reader read them, in place of `telemetry` (which is then empty): per provider, day
 * (in `timeZone`) and model for the usage tables, per window for the limit changes. A viewer of 300,000 requests
 * holds a few thousand groups instead of the rows (bench: viewer). Priced when folded (`prices` is not read again),
 * and not narrowed to providers afterwards (narrowUsageInputs refuses: narrow the rows, then fold).
 */
export interface FoldedTelemetry {
  timeZone: string;
  proxyUses: TokenUse[];
  /** The uses were added up per session too (createProxyUseFold's bySession): the per-session table can read them. */
  sessions?: boolean;
  windowUsage: ReadonlyMap<string, WindowUsage>;
}

export interface UsageInputs {
  telemetry: UsageTelemetry[];
  folded?: FoldedTelemetry | undefined;
  /** Readings with tokens, in ledger order. */
  readings: UsageReading[];
  /** The agents' own OpenTelemetry rows with tokens (readUsageOtel); absent, none. */
  otel?: readonly UsageOtelRow[] | undefined;
  /** Completed windows with their capacity (bar deltas) and capture times. */
  windows: ReportWindow[];
  /**
   * List prices, the caller's catalog's (createPriceTable): required, never a built-in default, so a reader that forgot
   * the data dir's declared prices does not compile (the ledger loader cannot build one: prices sit a floor above it).
   */
  prices: PriceTable;
  /** Lines the loader could not use, named (file, line, why). */
  problems: string[];
}

/** Tokens by kind (input counted the Anthropic way, without cache) and their list-price dollars. */
export interface UsageCounts {
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
  total: number;
  usd: number | null;
  /** Why `usd` is null. */
  usd_reason: string | null;
}

/** One line of a ccusage-like table: a period's tokens and dollars for one provider and model. */
export interface UsageRow extends UsageCounts {
  /** `2026-11-24`, `2026-W48` (ISO week) or `2026-11` (month), in the table's time zone. */
  period: string;
  provider: string;
  /** null when the source does not say (ccusage's daily totals, window snapshots). */
  model: string | null;
  /** Where the tokens came from: `proxy`, `otel`, `claude-transcript`, `codex-rollout`, `gemini-session`, `ccusage`, `snapshots` (joined with + when a week mixes them). */
  source: string;
}

/** One line of the per-session table (ccusage's `session` report): an agent session's tokens, dollars and models. */
export interface SessionRow extends UsageCounts {
  /** The agent's session id; null for tokens whose source names none (ccusage's daily totals, snapshots, older rows). */
  session: string | null;
  provider: string;
  /** Every model the session used, sorted; empty when the source names none. */
  models: string[];
  /** The latest day with tokens (`YYYY-MM-DD` in the table's zone), and the latest instant when a source has one. */
  last_day: string;
  last_at: string | null;
  source: string;
}

/** One line of the per-project or per-sub-agent table: a working directory's or a sub-agent's tokens, dollars and models. */
export interface GroupRow extends UsageCounts {
  /** The project (working directory) or sub-agent; `(unknown)` where the source cannot tell, `(main)` for the main agent. */
  group: string;
  provider: string;
  models: string[];
  source: string;
}

/** Tokens one percent of a bar bought in one period, with its interval. */
export interface LimitPoint {
  provider: string;
  /** `five_hour` or `weekly`. */
  bar: string;
  period: string;
  tokens_per_pct: number | null;
  low: number | null;
  high: number | null;
  /** Windows with both a bar delta and a token count in the period. */
  n: number;
  /** The period's interval excludes the level pooled over every earlier period. */
  shift: boolean;
  /** Why a figure is null. */
  reason: string | null;
}

export interface LimitChanges {
  points: LimitPoint[];
  /** Plain lines, one per shift: "Claude 5h: 1% bought about 2,350 tokens before 2026-W48, about 1,600 in 2026-W48 (...)". */
  shifts: string[];
}
