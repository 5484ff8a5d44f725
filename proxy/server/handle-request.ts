// One proxied request: check, route, forward, then record telemetry and bar readings off the hot path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TelemetryRow } from '../../ledger/index.js';
import { pickRoute, type RoutingTable } from '../config/build-routing-table.js';
import type { BackendPools } from '../forward/backend-pools.js';
import { buildUpstreamHeaders, readAttributionHeaders } from '../forward/filter-headers.js';
import { forwardRequest, sendError, type ForwardOutcome } from '../forward/forward-request.js';
import { findModelField, replaceModel } from '../routing/find-model-field.js';
import type { RateLimitRecorder } from '../telemetry/rate-limit-recorder.js';
import type { TelemetryQueue } from '../telemetry/telemetry-queue.js';
import { checkRequest, type Refusal } from './check-request.js';
import { readRequestBody } from './read-request-body.js';
import { PROXY_ITSELF, recordExchange, resolveWho, type Exchange } from './record-exchange.js';
import type { ProxyBudget, StreamBudget } from '../budget/proxy-budget.js';

export interface ProxyRuntime {
  table: RoutingTable;
  pools: BackendPools;
  queue: TelemetryQueue;
  recorder: RateLimitRecorder;
  /** The agent rows are stamped with when a request does not say (x-tracker-agent). */
  agentId: string;
  /** Keys read from the environment at start, by back-end name. */
  credentials: Map<string, string>;
  /** When set, every request must carry it in `x-tracker-auth`. */
  authToken: string | null;
  /** Aborts every request in flight (shutdown after the grace period). */
  shutdown: AbortSignal;
  now: () => number;
  onTelemetry?: (row: TelemetryRow) => void;
  /** Token budgets, when any are set. */
  budget?: ProxyBudget | null;
}

export async function handleProxyRequest(runtime: ProxyRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const method = req.method ?? 'GET';
  if (path === '/_tracker/flush' && runtime.authToken === null) {
    // Lets a runner read the ledger right after an agent ends: everything this proxy saw so far is on disk then.
    req.resume();
    await runtime.queue.flush();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"flushed":true}');
    return;
  }
  if (path === '/_tracker/health') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    const budgets = runtime.budget?.tracker.limits.map((limit) => ({ id: limit.id, metric: limit.metric, limit: limit.limit, mode: limit.mode })) ?? [];
    res.end(JSON.stringify({ ok: true, routes: runtime.table.routes.map((route) => route.name), budgets }));
    return;
  }
  const exchange: Exchange = {
    startedAt: new Date(),
    startClock: runtime.now(),
    method,
    path,
    attribution: readAttributionHeaders(req.headers),
    requestedModel: null,
    sentModel: null,
    route: null,
    backend: PROXY_ITSELF,
    provider: null,
    subagent: null,
    apiKind: null,
  };
  const checked = checkRequest(req, path, runtime.authToken);
  if (!checked.ok) return refuse(runtime, exchange, req, res, checked.refusal);
  exchange.apiKind = checked.kind;
  const read = method === 'GET' || method === 'HEAD' ? { ok: true as const, body: null } : await readRequestBody(req);
  if (!read.ok) {
    if (read.reason === 'too-large') {
      return refuse(runtime, exchange, req, res, { status: 413, apiType: 'invalid_request_error', errorType: 'request_too_large', message: 'tracker proxy: request body over 32 MiB', kind: checked.kind ?? 'anthropic-messages' });
    }
    recordExchange(runtime, exchange, endedBy(runtime, 0, 'client_disconnected', true));
    return;
  }

  const field = read.body ? findModelField(read.body) : null;
  const route = pickRoute(runtime.table, { model: field?.model ?? null, path, headers: req.headers });
  const body = read.body && field && route.rewriteModel ? replaceModel(read.body, field, route.rewriteModel) : read.body;
  const key = route.backend.auth ? runtime.credentials.get(route.backend.name) : undefined;
  const upstream = buildUpstreamHeaders(req.headers, body?.length ?? 0, route.backend.auth && key ? { header: route.backend.auth.header, value: key } : null);
  if (!body) delete upstream['content-length'];
  Object.assign(exchange, {
    requestedModel: field?.model ?? null,
    sentModel: route.rewriteModel && field ? route.rewriteModel : (field?.model ?? null),
    route: route.name,
    backend: route.backend.name,
    provider: route.backend.provider,
    subagent: route.subagent ?? inferSubagent(field?.model ?? null),
  } satisfies Partial<Exchange>);

  // Only generation is charged (and refused): count_tokens, models and other pass-through paths stay free.
  const budget = runtime.budget && exchange.apiKind ? openBudget(runtime.budget, runtime, exchange, read.body) : null;
  if (budget && 'refused' in budget) return refuse(runtime, exchange, req, res, budget.refused);

  const outcome = await forwardRequest(
    { dispatcher: runtime.pools.get(route.backend), backendName: route.backend.name, path: route.backend.basePath + url, method, headers: upstream, body, kind: checked.kind, now: runtime.now, guard: budget?.guard ?? null },
    res,
    runtime.shutdown,
  );
  // A stream that ended before its final usage (cut, hung up, reset) is charged what was counted of it.
  exchange.estimatedOutput = budget && (budget.cutAt !== null || outcome.tap?.complete === false) && budget.counted() > 0 ? budget.counted() : null;
  const row = recordExchange(runtime, exchange, outcome);
  if (budget && runtime.budget) runtime.budget.settle(budget, row);
}

/** The request's budget charge, or the refusal to send when a block budget of it is already spent. */
function openBudget(budget: ProxyBudget, runtime: ProxyRuntime, exchange: Exchange, body: Buffer | null): StreamBudget | { refused: Refusal } {
  const { agentId, windowId } = resolveWho(runtime, exchange.attribution);
  const ctx = budget.contextOf({ agent_id: agentId, command: exchange.attribution.command, backend_provider: exchange.backend, window_id: windowId, feature_id: exchange.attribution.feature, model: exchange.sentModel });
  const estimate = `about ${Math.ceil((body?.length ?? 0) / 4)} input tokens`;
  const refused = budget.refuse(ctx, estimate);
  if (!refused) return budget.open(ctx, exchange.apiKind);
  const message = `tracker proxy: the ${refused.budget} budget is spent: ${refused.used} of ${refused.limit} ${refused.metric} used (block mode)`;
  // x-should-retry: false tells the Anthropic SDK (and so Claude Code) not to retry a 429 that will not pass.
  return { refused: { status: 429, apiType: 'rate_limit_error', errorType: 'budget_refused', message, kind: exchange.apiKind ?? 'anthropic-messages', headers: { 'x-should-retry': 'false' } } };
}

/** Answers by itself (the request never reaches a back end) and still writes the request's telemetry row. */
function refuse(runtime: ProxyRuntime, exchange: Exchange, req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  sendError(res, refusal.kind, refusal.status, refusal.apiType, refusal.message, refusal.headers);
  recordExchange(runtime, exchange, endedBy(runtime, refusal.status, refusal.errorType, false));
}

function endedBy(runtime: ProxyRuntime, status: number, errorType: string, aborted: boolean): ForwardOutcome {
  return { status, upstreamHeaders: null, errorType, aborted, tap: null, endedAt: runtime.now() };
}

/** Claude Code sends its sub-agent and background work to the haiku tier: label it so GLM routing can be compared. */
function inferSubagent(model: string | null): string | null {
  return model !== null && model.toLowerCase().includes('haiku') ? 'haiku' : null;
}
