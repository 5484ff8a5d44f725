// One proxied request: check, route, forward, then record telemetry and bar readings off the hot path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pickRoute } from '../config/build-routing-table.js';
import { readAttributionHeaders } from '../forward/filter-headers.js';
import { passHeldAnswer } from './pass-held-answer.js';
import { forwardRequest, sendError, type ForwardOutcome } from '../forward/forward-request.js';
import { findModelField } from '../routing/find-model-field.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { CHATGPT_WEB_API, checkRequest, type Refusal } from './check-request.js';
import { readRequestBody } from './read-request-body.js';
import { answerTrackerRoute, countRefusal, refuseOutsideStartPath, UNAUTHORIZED } from './answer-tracker-route.js';
import type { BodyLease } from './body-budget.js';
import { describeBodyFailure } from './describe-body-failure.js';
import { errorKindOf } from './classify-path.js';
import { refuseOutsideLogin } from './check-login-scope.js';
import { collectSecrets } from './redact-known-keys.js';
import { isAppError, type AppError } from '../../kernel/index.js';
import { inferSubagent } from '../../ledger/vocabulary/index.js';
import { type AimedRequest, aimStep, type ReadRequest } from './aim-request.js';
import { watchRefusal } from '../failover/watch-refusal.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { PROXY_ITSELF, recordExchange, recordReading, resolveWho, type Exchange } from './record-exchange.js';
import { openRequestBudget } from './open-request-budget.js';
import { estimateLoggedOutput } from '../budget/stream-budget.js';
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

  const protocol = kind ? findProxyProtocol(kind) : null;
  const pathModel = protocol?.readPathModel(path) ?? null;
  const field = read.body && pathModel === null ? findModelField(read.body) : null;
  const model = pathModel ?? field?.model ?? null;
  const route = pickRoute(runtime.table, { model, path, headers: req.headers });
  // Assigned one by one, onto fields the exchange was created with: its shape stays the same all along.
  exchange.requestedModel = model;
  exchange.route = route.name;
  exchange.subagent = route.subagent ?? inferSubagent(model);
  const outside = refuseOutsideLogin(route.backend, path);
  if (outside) return refuse(runtime, exchange, req, res, outside);
  const chain = runtime.failover?.covers(route.backend) ? runtime.failover : null;
  const request: ReadRequest = { req, url, body: read.body, field, pathModel, protocol };
  let step = chain ? chain.pick() : 0;
  let aimed: AimedRequest;
  try {
    aimed = aimStep(runtime, exchange, request, route, chain, step);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return refuse(runtime, exchange, req, res, refuseLogin(error, kind ?? errorKindOf(path)));
  }

  // Only generation is charged (and refused): count_tokens, models and other pass-through paths stay free.
  const admitted = runtime.budget && exchange.apiKind ? await openRequestBudget(runtime.budget, runtime, exchange, read.body) : null;
  if (admitted && 'refused' in admitted) return refuse(runtime, exchange, req, res, admitted.refused);
  const budget = admitted;

  let row: ReturnType<typeof recordExchange> | null = null;
  // Off by default: then not even the window is looked up (this path's throughput is measured: bench/).
  const transcript =
    runtime.transcripts && kind
      ? runtime.transcripts.open(kind, resolveWho(runtime, exchange.attribution).windowId, exchange.attribution.session, exchange.secrets)
      : null;
  const record = (outcome: ForwardOutcome): void => {
    // A stream that ended before its final usage (cut, hung up, reset) is logged, and charged, what was counted of it.
    exchange.estimatedOutput = budget ? estimateLoggedOutput(budget, outcome.tap ?? null) : null;
    row = recordExchange(runtime, exchange, outcome);
    transcript?.finish(row, read.body);
  };
  // forwardRequest settles every exchange through onSettled, before the client's last byte: the row is always set.
  // Set once the back end work moved to was down and the request went back to the one it moved from: it goes no further.
  let fellBack = false;
  try {
    for (;;) {
      const refusal = !fellBack && chain?.hasNextAfter(step) ? watchRefusal(exchange.startedAt, kind, chain.clock) : null;
      const outcome = await forwardRequest(
        {
          dispatcher: runtime.pools.get(aimed.backend),
          backendName: aimed.backend.name,
          path: aimed.path,
          method,
          headers: aimed.headers,
          body: aimed.body,
          kind,
          now: runtime.now,
          guard: budget?.guard ?? null,
          tee: transcript?.collector ?? null,
          divert: refusal?.divert ?? null,
          dropWhenDown: chain !== null && step > 0 && !fellBack,
          onSettled: record,
          whenRecorded: (then) => runtime.queue.whenWritten(then),
        },
        res,
        runtime.shutdown,
      );
      if (outcome.down && chain) {
        // The back end work moved to is down (unreachable, a 5xx): the client gets the answer of the one it moved from,
        // as its vendor sends it (its refusal, "limit reached, resets at ..."), not a 502 of the proxy's for a back end
        // the client never chose. Every member before `step` is spent (pick), so `step - 1` is the one it moved from.
        fellBack = true;
        step -= 1;
        aimed = aimStep(runtime, exchange, request, route, chain, step);
        continue;
      }
      if (!outcome.diverted || !chain || !refusal) break;
      // An answer held for the verdict its body holds (Google's 429s): any other reaches the client as it came.
      if (outcome.divertedBody !== undefined && (outcome.divertedBody === null || !refusal.readBody(outcome.status, outcome.divertedBody)))
        return passHeldAnswer(runtime, res, outcome, record, kind ?? errorKindOf(path));
      if (!refusal.window) break;
      // The back end refused for its window before the client saw a byte: its bars are kept, the request goes on.
      recordReading(runtime, exchange, outcome.upstreamHeaders);
      chain.setAside(step, refusal.window);
      step = chain.pick();
      aimed = aimStep(runtime, exchange, request, route, chain, step);
    }
  } catch (error) {
    // The next back end's login could not be sent: the client gets the 401 the proxy answers for it.
    if (!isAppError(error) || row !== null) throw error;
    return refuse(runtime, exchange, req, res, refuseLogin(error, kind ?? errorKindOf(path)));
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
  if (refusal.errorType === UNAUTHORIZED) runtime.onUnauthorized('token');
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
