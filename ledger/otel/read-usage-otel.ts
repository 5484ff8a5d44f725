// Reads otel_usage.jsonl as the usage tables and the everyday calibration keep it: each request's tokens, slim.
import type { OtelMetricRow } from '../schemas/index.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import { scanOtelRows } from './scan-otel-rows.js';
import { readTokenMetricKind } from './sum-otel-usage.js';
import { findOtelAccount } from '../vocabulary/account-fingerprint.js';

/**
 * One API request's tokens as the agent reported them (`metric` false), or one step of Claude Code's
 * `claude_code.token.usage` (`metric` true: one kind of tokens, the others 0), in the tracker's convention (input
 * without the cache). A request row whole held about 2 KB (its attributes under the agent's names); this, nine fields.
 */
export interface UsageOtelRow {
  provider: string;
  occurred_at: string;
  model: string | null;
  session_id: string | null;
  /** The sub-agent a request row names (Claude Code's), when it names one. */
  subagent_id?: string | null;
  /** The account the agent names (findOtelAccount), when it names one. */
  account?: string | null;
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
  metric: boolean;
}

export interface UsageOtel {
  rows: UsageOtelRow[];
  skipped: UnreadableLine[];
  torn: boolean;
  /** Rows with tokens that name no provider (an agent other than Claude Code and Codex, untagged): not counted. */
  unplaced: number;
}

/**
 * The request rows with tokens, and every token-usage metric point as the tokens of its interval: a delta point as it
 * is; a cumulative one (an export set to OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=cumulative) less the
 * previous point of its series, read in file order (the order they arrived). Which of the two a report counts is the
 * report's choice (reports/usage/collect-otel-uses.ts): they count the same requests.
 */
export function readUsageOtel(dataDir: string): UsageOtel {
  const rows: UsageOtelRow[] = [];
  let unplaced = 0;
  const stepOf = createTokenMetricStepper();
  const scan = scanOtelRows(dataDir, (row) => {
    const account = findOtelAccount(row.attributes, row.resource_attributes);
    const where = { occurred_at: row.occurred_at, model: row.model, session_id: row.session_id, ...(account ? { account } : {}) };
    if (row.kind === 'otel-request') {
      if (!row.total_tokens) return;
      if (row.provider === null) return void (unplaced += 1);
      rows.push({
        provider: row.provider,
        ...where,
        ...(row.subagent_id ? { subagent_id: row.subagent_id } : {}),
        input: row.input_tokens ?? 0,
        output: row.output_tokens ?? 0,
        cache_read: row.cache_read_tokens ?? 0,
        cache_creation: row.cache_creation_tokens ?? 0,
        metric: false,
      });
      return;
    }
    const kind = readTokenMetricKind(row);
    if (kind === undefined) return;
    const step = stepOf(row);
    if (step <= 0) return;
    if (row.provider === null) return void (unplaced += 1);
    rows.push({ provider: row.provider, ...where, input: 0, output: 0, cache_read: 0, cache_creation: 0, [kind]: step, metric: true });
  });
  return { rows, skipped: scan.skipped, torn: scan.torn, unplaced };
}

/**
 * A point's tokens of its own interval. A cumulative series (OTLP: one resource, metric and attribute set, from one
 * start time) counts from its start: each point less the one before; its first point, or one that fell (a restart),
 * whole.
 */
function createTokenMetricStepper(): (row: OtelMetricRow) => number {
  const last = new Map<string, number>();
  return (row) => {
    if (row.temporality !== 'cumulative') return row.value;
    const series = `${row.agent_id}\u0000${row.start_at ?? ''}\u0000${JSON.stringify(row.resource_attributes)}\u0000${JSON.stringify(row.attributes)}`;
    const previous = last.get(series);
    last.set(series, row.value);
    return previous === undefined || row.value < previous ? row.value : row.value - previous;
  };
}
