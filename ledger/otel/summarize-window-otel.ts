// A window's usage as the agent itself reported it (its own rows, else the unattributed rows of its time span) beside the proxy's count.
import type { TokenKinds, WindowOtel } from '../schemas/index.js';
import { readRowTokens } from '../vocabulary/index.js';
import { scanTelemetryRows } from '../telemetry/scan-telemetry-rows.js';
import { readOtelUsage, type OtelUsage } from './read-otel-usage.js';
import { compareTokens, NO_TOKENS, sumOtelRequests, sumTokenMetrics } from './sum-otel-usage.js';

export interface WindowOtelQuery {
  provider: string;
  windowId: string;
  /** The window's captures: a manual window with no row of its own takes the provider's unattributed rows between them. */
  from: Date;
  to: Date;
  /** Only this agent session (Claude Code's session.id, Codex's conversation.id), when the user names one. */
  sessionId?: string | undefined;
}

const MAX_SESSIONS = 20;

/** Null when the agent reported nothing for the window (its OpenTelemetry export was off, or went elsewhere). */
export function summarizeWindowOtel(dataDir: string, query: WindowOtelQuery): WindowOtel | null {
  const session = query.sessionId === undefined ? {} : { sessionId: query.sessionId };
  let matchedBy: WindowOtel['matched_by'] = 'window';
  let usage = readOtelUsage(dataDir, { windowId: query.windowId, ...session });
  if (!usage.present) return null;
  if (isEmpty(usage)) {
    matchedBy = 'time-span';
    usage = readOtelUsage(dataDir, { windowId: null, provider: query.provider, from: query.from, to: query.to, ...session });
  }
  if (isEmpty(usage)) return null;
  const sum = sumOtelRequests(usage.requests);
  const fromMetrics = sum.tokens.total > 0 || usage.metrics.length === 0 ? null : sumTokenMetrics(usage.metrics);
  const tokens = fromMetrics ?? sum.tokens;
  // Metrics alone whose points cannot be summed here (cumulative ones: sumTokenMetrics reads deltas) are no count of
  // the window's tokens: comparing their zeros with the proxy would call the agent divergent.
  const counted = sum.tokens.total > 0 || usage.metrics.length === 0 || fromMetrics !== null;
  const sessions = new Set([...sum.sessions, ...usage.metrics.flatMap((row) => (row.session_id === null ? [] : [row.session_id]))]);
  const proxy = readProxyCount(dataDir, query.windowId);
  const compared = proxy === null || !counted ? null : compareTokens(tokens, proxy.tokens);
  return {
    matched_by: matchedBy,
    requests: sum.requests,
    errors: sum.errors,
    tokens,
    cost_usd: sum.cost_usd,
    sessions: [...sessions].slice(0, MAX_SESSIONS),
    proxy,
    gap: compared?.gap ?? null,
    gap_in: compared?.gapIn ?? null,
    divergent: compared?.divergent ?? false,
  };
}

function isEmpty(usage: OtelUsage): boolean {
  return usage.requests.length === 0 && usage.metrics.length === 0;
}

/** The proxy's rows of the window that counted tokens; null when it counted none (no proxy, or none in front of this agent). */
function readProxyCount(dataDir: string, windowId: string): { requests: number; tokens: TokenKinds } | null {
  const tokens = { ...NO_TOKENS };
  let requests = 0;
  scanTelemetryRows(dataDir, {
    needles: [JSON.stringify(windowId)],
    keepRow: (row) => row.window_id === windowId,
    fold: {
      add: (row) => {
        if (row.prompt_tokens === null && row.completion_tokens === null) return;
        requests += 1;
        const counted = readRowTokens(row);
        for (const kind of ['input', 'output', 'cache_read', 'cache_creation', 'total'] as const) tokens[kind] += counted[kind];
      },
      restart: () => {
        requests = 0;
        Object.assign(tokens, NO_TOKENS);
      },
    },
  });
  return requests === 0 ? null : { requests, tokens };
}
