// Adds up the agents' own request rows (or, without them, their token metrics) and compares the sum with the proxy's.
import type { OtelMetricRow, OtelRequestRow, TokenKinds } from '../schemas/index.js';

/** More than 2% apart on any token figure is a divergence ("agree with the proxy's within 2% per window"). */
export const OTEL_DIVERGENCE_LIMIT = 0.02;

export const NO_TOKENS: TokenKinds = { input: 0, output: 0, cache_read: 0, cache_creation: 0, total: 0 };
const KINDS = ['input', 'output', 'cache_read', 'cache_creation', 'total'] as const;
export type TokenKind = (typeof KINDS)[number];

export interface OtelRequestSum {
  requests: number;
  errors: number;
  tokens: TokenKinds;
  /** The agent's own estimate summed; null when no row carried one (Codex reports none). */
  cost_usd: number | null;
  sessions: string[];
}

export function sumOtelRequests(rows: readonly OtelRequestRow[]): OtelRequestSum {
  const tokens = { ...NO_TOKENS };
  let cost: number | null = null;
  let errors = 0;
  const sessions = new Set<string>();
  for (const row of rows) {
    tokens.input += row.input_tokens ?? 0;
    tokens.output += row.output_tokens ?? 0;
    tokens.cache_read += row.cache_read_tokens ?? 0;
    tokens.cache_creation += row.cache_creation_tokens ?? 0;
    tokens.total += row.total_tokens ?? 0;
    if (row.cost_usd !== null) cost = (cost ?? 0) + row.cost_usd;
    if (row.error !== null || (row.status_code !== null && row.status_code >= 400)) errors += 1;
    if (row.session_id !== null) sessions.add(row.session_id);
  }
  // Only the requests that used tokens or failed count as requests: Codex logs each request twice (its api_request and
  // its response.completed), and the proxy counts each once.
  const requests = rows.filter((row) => row.total_tokens !== null).length;
  return { requests, errors, tokens, cost_usd: cost, sessions: [...sessions] };
}

/** `claude_code.token.usage`'s `type` attribute, as the tracker names the kinds (docs/otel.md). */
const TOKEN_TYPES: Record<string, Exclude<TokenKind, 'total'>> = {
  input: 'input',
  output: 'output',
  cacheRead: 'cache_read',
  cacheCreation: 'cache_creation',
};

/** The kind of tokens a metric point counts: a `claude_code.token.usage` point by its `type`, else undefined. */
export function readTokenMetricKind(row: Pick<OtelMetricRow, 'metric' | 'token_type'>): Exclude<TokenKind, 'total'> | undefined {
  return row.metric === 'claude_code.token.usage' ? TOKEN_TYPES[row.token_type ?? ''] : undefined;
}

/** Claude Code's `claude_code.token.usage` by `type`, for a window whose logs were not exported (delta points only). */
export function sumTokenMetrics(rows: readonly OtelMetricRow[]): TokenKinds | null {
  const tokens = { ...NO_TOKENS };
  let seen = false;
  for (const row of rows) {
    const kind = readTokenMetricKind(row);
    if (kind === undefined || row.temporality !== 'delta') continue;
    seen = true;
    tokens[kind] += row.value;
    tokens.total += row.value;
  }
  return seen ? tokens : null;
}

export interface TokenGap {
  /** The largest of |otel - proxy| / max(otel, proxy) over the five figures (0 when both are 0). */
  gap: number;
  gapIn: TokenKind;
  divergent: boolean;
}

/** Each figure on its own: a total that agrees can hide input and output that do not. */
export function compareTokens(otel: TokenKinds, proxy: TokenKinds): TokenGap {
  let worst: TokenGap = { gap: 0, gapIn: 'total', divergent: false };
  for (const kind of KINDS) {
    const larger = Math.max(otel[kind], proxy[kind]);
    const gap = larger === 0 ? 0 : Math.abs(otel[kind] - proxy[kind]) / larger;
    if (gap > worst.gap) worst = { gap, gapIn: kind, divergent: false };
  }
  return { ...worst, divergent: worst.gap > OTEL_DIVERGENCE_LIMIT };
}
