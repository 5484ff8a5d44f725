// After a request: the bar reading its response carried (when it changed) and its telemetry row.
import { createHash, randomUUID } from 'node:crypto';
import { findExchangeAccount, type TelemetryRow } from '../../ledger/index.js';
import { AGENT_ID_PATTERN, findHeaderFamilyProvider, WINDOW_ID_PATTERN } from '../../ledger/vocabulary/index.js';
import { parseRateLimitHeaders, type RateLimitReading } from '../../sources/index.js';
import type { Attribution } from '../forward/filter-headers.js';
import type { ForwardOutcome } from '../forward/forward-request.js';
import { buildTelemetryRow, type RequestFacts } from '../telemetry/build-telemetry-row.js';
import type { ApiKind } from '../tap/usage-tap.js';
import type { FailoverChain } from '../failover/failover-chain.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { redactRowStrings } from './redact-known-keys.js';

export interface Exchange {
  startedAt: Date;
  startClock: number;
  method: string;
  path: string;
  attribution: Attribution;
  requestedModel: string | null;
  sentModel: string | null;
  route: string | null;
  backend: string;
  /** Ledger provider of the back end's bars; null: told by the headers. */
  provider: string | null;
  subagent: string | null;
  apiKind: ApiKind | null;
  /** Set when a budget cut the stream: the output the proxy counted before the cut. */
  estimatedOutput?: number | null;
  /** Key values to hide wherever they appear in what is recorded (see redact-known-keys.ts). */
  secrets?: readonly string[];
  /** The account its credential names (findExchangeAccount on the upstream request), before the response may say better. */
  account?: string | null;
  /** The body sent upstream, kept only to digest it if the answer is a refusal (429). */
  body?: Buffer | null;
  /** The failover chain the request follows and the member it went to (0: the chain's first); null without a chain. */
  failover: { chain: FailoverChain; step: number } | null;
}

/** An upstream's request id is an opaque token of a few dozen characters; a longer one is cut, not stored whole. */
const MAX_TRACE_ID = 256;
/** What telemetry names the proxy itself as, for requests it answered without a back end. */
export const PROXY_ITSELF = 'tracker-proxy';

/** Who a request is attributed to: its x-tracker-agent and x-tracker-window, when they are valid ids. */
export function resolveWho(runtime: Pick<ProxyRuntime, 'agentId'>, attribution: Attribution): { agentId: string; windowId: string | null } {
  return {
    agentId: attribution.agent && AGENT_ID_PATTERN.test(attribution.agent) ? attribution.agent : runtime.agentId,
    windowId: attribution.window && WINDOW_ID_PATTERN.test(attribution.window) ? attribution.window : null,
  };
}

/** The vendor's own word on the account (Anthropic's organization id) over the credential the request was sent with. */
function findAccount(exchange: Exchange, headers: ForwardOutcome['upstreamHeaders']): string | null {
  return (headers ? findExchangeAccount({}, headers) : null) ?? exchange.account ?? null;
}

/** Queues the bar reading an answer's headers carry, when this agent's bars changed; returns what was read. */
export function recordReading(
  runtime: ProxyRuntime,
  exchange: Exchange,
  headers: ForwardOutcome['upstreamHeaders'],
  who: { agentId: string; windowId: string | null } = resolveWho(runtime, exchange.attribution),
): RateLimitReading | null {
  const reading = headers ? parseRateLimitHeaders(headers, exchange.startedAt) : null;
  if (!reading) return null;
  const { agentId, windowId } = who;
  const row = runtime.recorder.observe({
    account: findAccount(exchange, headers),
    agentId,
    provider: exchange.provider ?? findHeaderFamilyProvider(reading.family),
    reading,
    capturedAt: new Date(),
    windowId,
    sessionId: exchange.attribution.session,
    model: exchange.sentModel,
  });
  if (row) runtime.queue.addReading(redactRowStrings(row, exchange.secrets ?? []));
  return reading;
}

/** Queues the request's reading (if its bars changed) and telemetry row; returns the row. */
export function recordExchange(runtime: ProxyRuntime, exchange: Exchange, outcome: ForwardOutcome): TelemetryRow {
  const { attribution } = exchange;
  const secrets = exchange.secrets ?? [];
  const { agentId, windowId } = resolveWho(runtime, attribution);
  const headers = outcome.upstreamHeaders;
  const reading = recordReading(runtime, exchange, headers, { agentId, windowId });
  const failover = exchange.failover;
  if (failover) failover.chain.observe(failover.step, outcome.status, reading);
  const account = findAccount(exchange, headers);
  const traceHeader = headers?.['request-id'] ?? headers?.['x-request-id'];
  // Named field by field: spreading the exchange (whose shape grew while it was handled) was a third of this function.
  const facts: RequestFacts = {
    agentId,
    startedAt: exchange.startedAt,
    startClock: exchange.startClock,
    method: exchange.method,
    path: exchange.path,
    requestedModel: exchange.requestedModel,
    sentModel: exchange.sentModel,
    route: exchange.route,
    backend: exchange.backend,
    subagent: attribution.subagent ?? exchange.subagent,
    attribution,
    windowId,
    traceId: typeof traceHeader === 'string' && traceHeader !== '' ? traceHeader.slice(0, MAX_TRACE_ID) : `proxy_${randomUUID()}`,
    apiKind: exchange.apiKind,
    rateLimits: reading ? { bars: reading.bars, status: reading.status } : null,
    estimatedOutput: exchange.estimatedOutput ?? null,
    account,
    // Only a refusal is digested: the hash costs a pass over the body, and only refusals are told apart by it.
    requestDigest: outcome.status === 429 && exchange.body ? createHash('sha256').update(exchange.body).digest('hex').slice(0, 16) : null,
    failover: failover ? failover.chain.recordMove(failover.step) : null,
  };
  const row = buildTelemetryRow(facts, outcome);
  // An upstream can echo the client's key back (in request-id, say): no key value may reach the ledger.
  redactRowStrings(row, secrets);
  runtime.queue.addTelemetry(row);
  runtime.onTelemetry?.(row);
  return row;
}
