// One proxied request, as its steps: check, read the body, route, aim, admit, forward down the failover chain, record.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAppError } from '../../kernel/index.js';
import { inferSubagent } from '../../ledger/vocabulary/index.js';
import { pickRoute } from '../config/build-routing-table.js';
import { pickFirstStep } from '../failover/run-failover-attempts.js';
import { readAttributionHeaders } from '../forward/filter-headers.js';
import { answerOtlpAtProxy } from '../otel/answer-otlp-at-proxy.js';
import { readOtlpPath } from '../otel/otlp-paths.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { findModelField } from '../routing/find-model-field.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { type AimedRequest, aimStep, type ReadRequest } from './aim-request.js';
import { answerTrackerRoute, refuseOutsideStartPath } from './answer-tracker-route.js';
import { refuseUnpinned } from './arm-paths.js';
import type { BodyLease } from './body-budget.js';
import { refuseOutsideLogin } from './check-login-scope.js';
import { checkRequest } from './check-request.js';
import { errorKindOf } from './classify-path.js';
import { describeBodyFailure } from './describe-body-failure.js';
import { readRequestBody } from './read-request-body.js';
import { forwardAdmitted } from './forward-admitted.js';
import { openRequestBudget } from './open-request-budget.js';
import { PROXY_ITSELF, recordExchange, type Exchange } from './record-exchange.js';
import { collectSecrets } from './redact-known-keys.js';
import { endedBy, refuse, refuseLogin } from './refuse-request.js';
import { stripStartPath } from './start-path.js';

export type { ProxyRuntime } from './proxy-runtime.js';
import type { ProxyRuntime } from './proxy-runtime.js';

export async function handleProxyRequest(runtime: ProxyRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // An everyday proxy on loopback: only a client told the start's base URL gets anything (start-path.ts).
  if (runtime.startPath !== null && !stripStartPath(req, runtime.startPath)) return refuseOutsideStartPath(runtime, req, res);
  // A run's proxy: the arm's base URL decides the attribution (arm-paths.ts); the prefix is gone from req.url after this.
  const pinned = runtime.armPaths === null || runtime.armPaths.pin(req);
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const method = req.method ?? 'GET';
  if (path.startsWith('/_tracker/') && (await answerTrackerRoute(runtime, req, res, path))) return;
  const otlp = readOtlpPath(path);
  if (otlp !== null) return answerOtlpAtProxy(runtime, req, res, path, otlp, pinned);
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
    secrets: collectSecrets(runtime.credentials.values(), runtime.authToken, req.headers),
    estimatedOutput: null,
    account: null,
    body: null,
    failover: null,
  };
  const checked = pinned ? checkRequest(req, path, runtime.authToken) : { ok: false as const, refusal: refuseUnpinned(path) };
  if (!checked.ok) return refuse(runtime, exchange, req, res, checked.refusal);
  exchange.apiKind = checked.kind;
  const lease = runtime.bodies.openLease();
  try {
    await proxyChecked(runtime, exchange, req, res, checked.kind, lease);
  } finally {
    lease.release();
  }
}

/** A request that passed the checks, in its steps: body, route, first aim, budget, then forwarded down its chain. */
async function proxyChecked(
  runtime: ProxyRuntime,
  exchange: Exchange,
  req: IncomingMessage,
  res: ServerResponse,
  kind: ApiKind | null,
  lease: BodyLease,
): Promise<void> {
  const read = await readBodyWithinLimits(runtime, exchange.method, req, lease);
  if (!read.ok) return answerUnreadBody(runtime, exchange, req, res, kind, read.reason);
  const { request, route } = routeRequest(runtime, exchange, req, read.body, kind);
  const outside = refuseOutsideLogin(route.backend, exchange.path);
  if (outside) return refuse(runtime, exchange, req, res, outside);
  const chain = runtime.failover?.covers(route.backend) ? runtime.failover : null;
  const step = pickFirstStep(chain);
  const aim = (to: number): AimedRequest => aimStep(runtime, exchange, request, route, chain, to);
  let aimed: AimedRequest;
  try {
    aimed = aim(step);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return refuse(runtime, exchange, req, res, refuseLogin(error, kind ?? errorKindOf(exchange.path)));
  }
  // Only generation is charged (and refused): count_tokens, models and other pass-through paths stay free.
  const admitted = runtime.budget && exchange.apiKind ? await openRequestBudget(runtime.budget, runtime, exchange, read.body) : null;
  if (admitted && 'refused' in admitted) return refuse(runtime, exchange, req, res, admitted.refused);
  const attempts = { chain, kind, startedAt: exchange.startedAt, step, aimed, aim };
  return forwardAdmitted(runtime, exchange, req, res, read.body, admitted, attempts);
}

type BodyRead = { ok: true; body: Buffer | null } | { ok: false; reason: Parameters<typeof describeBodyFailure>[0] };

/** The request's body within the proxy's limits (size, idle time, the shared byte budget); none for GET and HEAD. */
async function readBodyWithinLimits(runtime: ProxyRuntime, method: string, req: IncomingMessage, lease: BodyLease): Promise<BodyRead> {
  if (method === 'GET' || method === 'HEAD') return { ok: true, body: null };
  return readRequestBody(req, { maxBytes: runtime.limits.maxBodyBytes, lease, idleMs: runtime.limits.bodyIdleTimeoutMs });
}

/** A body over the limits is refused; one the client stopped sending leaves only its row. */
function answerUnreadBody(
  runtime: ProxyRuntime,
  exchange: Exchange,
  req: IncomingMessage,
  res: ServerResponse,
  kind: ApiKind | null,
  reason: Parameters<typeof describeBodyFailure>[0],
): Promise<void> | undefined {
  const refusal = describeBodyFailure(reason, runtime.limits, kind ?? errorKindOf(exchange.path));
  if (refusal) return refuse(runtime, exchange, req, res, refusal);
  recordExchange(runtime, exchange, endedBy(runtime, 0, 'client_disconnected', true));
}

/** The route the request's model (from its path or its body) picks; noted on the exchange. */
function routeRequest(runtime: ProxyRuntime, exchange: Exchange, req: IncomingMessage, body: Buffer | null, kind: ApiKind | null) {
  const { path } = exchange;
  const protocol = kind ? findProxyProtocol(kind) : null;
  const pathModel = protocol?.readPathModel(path) ?? null;
  const field = body && pathModel === null ? findModelField(body) : null;
  const model = pathModel ?? field?.model ?? null;
  const route = pickRoute(runtime.table, { model, path, headers: req.headers });
  // Assigned one by one, onto fields the exchange was created with: its shape stays the same all along.
  exchange.requestedModel = model;
  exchange.route = route.name;
  exchange.subagent = route.subagent ?? inferSubagent(model);
  const request: ReadRequest = { req, url: req.url ?? '/', body, field, pathModel, protocol };
  return { request, route };
}
