// One proxied request: check, route, forward, then record telemetry and bar readings off the hot path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pickRoute } from '../config/build-routing-table.js';
import { buildUpstreamHeaders, readAttributionHeaders } from '../forward/filter-headers.js';
import { forwardRequest, sendError, type ForwardOutcome } from '../forward/forward-request.js';
import { findModelField, replaceModel } from '../routing/find-model-field.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { CHATGPT_WEB_API, checkRequest, type Refusal } from './check-request.js';
import { readRequestBody } from './read-request-body.js';
import { answerTrackerRoute, countRefusal, refuseOutsideStartPath, UNAUTHORIZED } from './answer-tracker-route.js';
import type { BodyLease } from './body-budget.js';
import { describeBodyFailure } from './describe-body-failure.js';
import { errorKindOf } from './classify-path.js';
import { refuseOutsideLogin } from './check-login-scope.js';
import { addSecrets, collectSecrets } from './redact-known-keys.js';
import { type BackendCredentials, resolveBackendCredentials } from '../forward/backend-credentials.js';
import { isAppError, type AppError } from '../../kernel/index.js';
import { inferSubagent } from '../../ledger/vocabulary/index.js';
import { findExchangeAccount } from '../../ledger/index.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { PROXY_ITSELF, recordExchange, resolveWho, type Exchange } from './record-exchange.js';
import { openRequestBudget } from './open-request-budget.js';
import { ARM_PATH_REQUIRED, refuseUnpinned } from './arm-paths.js';
import { stripStartPath } from './start-path.js';
import { readOtlpPath } from '../otel/otlp-paths.js';
import { answerOtlpAtProxy } from '../otel/answer-otlp-at-proxy.js';

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

/** A request that passed the checks: its body is read within the limits, then routed, forwarded and recorded. */
async function proxyChecked(
  runtime: ProxyRuntime,
  exchange: Exchange,
  req: IncomingMessage,
  res: ServerResponse,
  kind: ApiKind | null,
  lease: BodyLease,
): Promise<void> {
  const { method, path } = exchange;
  const url = req.url ?? '/';
  const rules = { maxBytes: runtime.limits.maxBodyBytes, lease, idleMs: runtime.limits.bodyIdleTimeoutMs };
  const read = method === 'GET' || method === 'HEAD' ? { ok: true as const, body: null } : await readRequestBody(req, rules);
  if (!read.ok) {
    const refusal = describeBodyFailure(read.reason, runtime.limits, kind ?? errorKindOf(path));
    if (refusal) return refuse(runtime, exchange, req, res, refusal);
    recordExchange(runtime, exchange, endedBy(runtime, 0, 'client_disconnected', true));
    return;
  }

  // Gemini names the model in the path, not the body: a rewrite replaces it there (the protocol's replacePathModel).
  const protocol = kind ? findProxyProtocol(kind) : null;
  const pathModel = protocol?.readPathModel(path) ?? null;
  const field = read.body && pathModel === null ? findModelField(read.body) : null;
  const model = pathModel ?? field?.model ?? null;
  const route = pickRoute(runtime.table, { model, path, headers: req.headers });
  const rewrite = route.rewriteModel;
  const body = read.body && field && rewrite ? replaceModel(read.body, field, rewrite) : read.body;
  const replacePath = pathModel !== null && rewrite ? protocol?.replacePathModel : undefined;
  const sentUrl = replacePath && rewrite ? replacePath(url, rewrite) : url;
  // Assigned one by one, onto fields the exchange was created with: its shape stays the same all along.
  exchange.requestedModel = model;
  exchange.sentModel = rewrite && (field || replacePath) ? rewrite : model;
  exchange.route = route.name;
  exchange.backend = route.backend.name;
  exchange.provider = route.backend.provider;
  exchange.subagent = route.subagent ?? inferSubagent(model);
  const outside = refuseOutsideLogin(route.backend, path);
  if (outside) return refuse(runtime, exchange, req, res, outside);
  let own: BackendCredentials | null;
  try {
    own = resolveBackendCredentials(route.backend, runtime.credentials, runtime.logins, Date.now());
  } catch (error) {
    if (!isAppError(error)) throw error;
    return refuse(runtime, exchange, req, res, refuseLogin(error, kind ?? errorKindOf(path)));
  }
  if (own) exchange.secrets = addSecrets(exchange.secrets ?? [], own.secrets);
  const upstream = buildUpstreamHeaders(req.headers, body?.length ?? 0, own?.headers ?? null);
  if (!body) delete upstream['content-length'];
  exchange.account = findExchangeAccount(upstream, null);
  exchange.body = body ?? null;

  // Only generation is charged (and refused): count_tokens, models and other pass-through paths stay free.
  const admitted = runtime.budget && exchange.apiKind ? await openRequestBudget(runtime.budget, runtime, exchange, read.body) : null;
  if (admitted && 'refused' in admitted) return refuse(runtime, exchange, req, res, admitted.refused);
  const budget = admitted;

  let row: ReturnType<typeof recordExchange> | null = null;
  // Off by default: then not even the window is looked up (issue 31 measured this path's throughput).
  const transcript =
    runtime.transcripts && kind
      ? runtime.transcripts.open(kind, resolveWho(runtime, exchange.attribution).windowId, exchange.attribution.session, exchange.secrets)
      : null;
  const record = (outcome: ForwardOutcome): void => {
    // A stream that ended before its final usage (cut, hung up, reset) is charged what was counted of it.
    exchange.estimatedOutput =
      budget && (budget.cutAt !== null || outcome.tap?.complete === false) && budget.counted() > 0 ? budget.counted() : null;
    row = recordExchange(runtime, exchange, outcome);
    transcript?.finish(row, read.body);
  };
  // forwardRequest settles every exchange through onSettled, before the client's last byte: the row is always set.
  try {
    await forwardRequest(
      {
        dispatcher: runtime.pools.get(route.backend),
        backendName: route.backend.name,
        path: route.backend.basePath + (own ? dropQueryKey(sentUrl) : sentUrl),
        method,
        headers: upstream,
        body,
        kind,
        now: runtime.now,
        guard: budget?.guard ?? null,
        tee: transcript?.collector ?? null,
        onSettled: record,
        whenRecorded: (then) => runtime.queue.whenWritten(then),
      },
      res,
      runtime.shutdown,
    );
  } finally {
    // Settled once, with the row; an exchange that failed before its row frees its reservation all the same.
    if (budget && runtime.budget) {
      if (row !== null) runtime.budget.settle(budget, row);
      else runtime.budget.release(budget);
    }
  }
}

/**
 * Answers by itself (the request never reaches a back end) and counts the refusal. Its telemetry row is
 * written only for a client that passed the token check and, at a run's proxy, came under an arm's base URL: others
 * must not be able to fill the ledger with text of their choosing, so they are only counted (in /_tracker/health).
 */
function refuse(runtime: ProxyRuntime, exchange: Exchange, req: IncomingMessage, res: ServerResponse, refusal: Refusal): Promise<void> {
  countRefusal(runtime.refusals, refusal.errorType);
  // Unread body bytes are discarded as they come, never kept; a `connection: close` refusal then ends the socket.
  req.resume();
  const answer = (): void => sendError(res, refusal.kind, refusal.status, refusal.apiType, refusal.message, refusal.headers);
  if (refusal.errorType === UNAUTHORIZED || refusal.errorType === ARM_PATH_REQUIRED || refusal.errorType === CHATGPT_WEB_API)
    return Promise.resolve(answer());
  recordExchange(runtime, exchange, endedBy(runtime, refusal.status, refusal.errorType, false));
  // As for a forwarded answer: the client has it only once its row is written.
  return new Promise((resolve) => runtime.queue.whenWritten(() => resolve(answer())));
}

function endedBy(runtime: ProxyRuntime, status: number, errorType: string, aborted: boolean): ForwardOutcome {
  return { status, upstreamHeaders: null, errorType, aborted, tap: null, endedAt: runtime.now() };
}

/**
 * The back end's ChatGPT login cannot be sent (none, or expired): the proxy answers 401 itself, as the back end would,
 * with the line that names the file and what to do (never the token), rather than forward a request bound to fail.
 */
function refuseLogin(error: AppError, kind: ApiKind): Refusal {
  return {
    status: 401,
    apiType: 'authentication_error',
    errorType: 'proxy_login_unavailable',
    message: `tracker proxy: ${error.toLine()}`,
    kind,
  };
}

/**
 * Gemini's API also takes its key as `?key=` (ai.google.dev: API keys); where the proxy signs in itself, the client's
 * key must not ride along in the URL any more than in a header (filter-headers.ts).
 */
function dropQueryKey(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  if (!params.has('key')) return url;
  params.delete('key');
  const rest = params.toString();
  return rest === '' ? url.slice(0, at) : `${url.slice(0, at)}?${rest}`;
}
