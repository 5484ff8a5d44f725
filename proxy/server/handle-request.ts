// One proxied request: check, route, forward, then hand telemetry and bar readings to the queue.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseRateLimitHeaders } from '../../sources/rate-limit-headers.js';
import { pickRoute, type RoutingTable } from '../config/build-routing-table.js';
import type { BackendPools } from '../forward/backend-pools.js';
import { buildUpstreamHeaders } from '../forward/filter-headers.js';
import { forwardRequest, sendError } from '../forward/forward-request.js';
import { findModelField, replaceModel } from '../routing/find-model-field.js';
import { buildTelemetryRow } from '../telemetry/build-telemetry-row.js';
import type { RateLimitRecorder } from '../telemetry/rate-limit-recorder.js';
import type { TelemetryQueue } from '../telemetry/telemetry-queue.js';
import { classifyPath, errorKindOf } from './classify-path.js';
import { readRequestBody } from './read-request-body.js';

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
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SAFE_WINDOW = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export async function handleProxyRequest(runtime: ProxyRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startClock = runtime.now();
  const startedAt = new Date();
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const method = req.method ?? 'GET';
  if (runtime.authToken !== null && req.headers['x-tracker-auth'] !== runtime.authToken) {
    req.resume();
    return sendError(res, errorKindOf(path), 401, 'authentication_error', 'tracker proxy: missing or wrong x-tracker-auth header');
  }
  if (path === '/_tracker/health') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, routes: runtime.table.routes.map((route) => route.name) }));
    return;
  }
  const served = classifyPath(path);
  if (!served.served) {
    req.resume();
    return sendError(res, errorKindOf(path), 404, 'not_found_error', `tracker proxy: no API at ${path} (it serves /v1/messages, /v1/responses and other /v1/* paths)`);
  }
  const read = method === 'GET' || method === 'HEAD' ? { ok: true as const, body: null } : await readRequestBody(req);
  if (!read.ok) {
    if (read.reason === 'too-large') sendError(res, served.kind, 413, 'invalid_request_error', 'tracker proxy: request body over 32 MiB');
    return;
  }
  const field = read.body ? findModelField(read.body) : null;
  const route = pickRoute(runtime.table, { model: field?.model ?? null, path, headers: req.headers });
  const body = read.body && field && route.rewriteModel ? replaceModel(read.body, field, route.rewriteModel) : read.body;
  const key = route.backend.auth ? runtime.credentials.get(route.backend.name) : undefined;
  const upstream = buildUpstreamHeaders(req.headers, body?.length ?? 0, route.backend.auth && key ? { header: route.backend.auth.header, value: key } : null);
  if (!body) delete upstream.headers['content-length'];

  const outcome = await forwardRequest(
    {
      dispatcher: runtime.pools.get(route.backend),
      backendName: route.backend.name,
      path: route.backend.basePath + url,
      method,
      headers: upstream.headers,
      body,
      kind: served.kind,
      now: runtime.now,
    },
    res,
    runtime.shutdown,
  );

  const attribution = upstream.attribution;
  const agentId = attribution.agent && SAFE_ID.test(attribution.agent) ? attribution.agent : runtime.agentId;
  const windowId = attribution.window && SAFE_WINDOW.test(attribution.window) ? attribution.window : null;
  const headers = outcome.upstreamHeaders;
  const reading = headers ? parseRateLimitHeaders(headers, startedAt) : null;
  const sentModel = route.rewriteModel && field ? route.rewriteModel : (field?.model ?? null);
  if (reading) {
    const row = runtime.recorder.observe({ agentId, provider: route.backend.provider ?? (reading.family === 'codex' ? 'codex' : 'claude'), reading, capturedAt: new Date(), windowId, sessionId: attribution.session, model: sentModel });
    if (row) runtime.queue.addReading(row);
  }
  const traceHeader = headers?.['request-id'] ?? headers?.['x-request-id'];
  const row = buildTelemetryRow(
    {
      agentId,
      startedAt,
      startClock,
      method,
      path,
      requestedModel: field?.model ?? null,
      sentModel,
      route: route.name,
      backend: route.backend.name,
      subagent: route.subagent ?? inferSubagent(field?.model ?? null),
      attribution,
      windowId,
      apiKind: served.kind,
      traceId: typeof traceHeader === 'string' && traceHeader !== '' ? traceHeader : `proxy_${randomUUID()}`,
      rateLimits: reading ? { bars: reading.bars, status: reading.status } : null,
    },
    outcome,
  );
  runtime.queue.addTelemetry(row);
  runtime.onTelemetry?.(row);
}

/** Claude Code sends its sub-agent and background work to the haiku tier: label it so GLM routing can be compared. */
function inferSubagent(model: string | null): string | null {
  return model !== null && model.toLowerCase().includes('haiku') ? 'haiku' : null;
}
