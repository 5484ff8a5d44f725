// Aims a read request at one back end: the model it goes as (body or path), its URL, and the credentials sent there.
import type { IncomingMessage } from 'node:http';
import type { Backend, Route } from '../config/build-routing-table.js';
import type { FailoverChain } from '../failover/failover-chain.js';
import { findExchangeAccount } from '../../ledger/index.js';
import { resolveBackendCredentials } from '../forward/backend-credentials.js';
import { allowFailoverHeaders, buildUpstreamHeaders } from '../forward/filter-headers.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ProxyProtocol } from '../protocols/proxy-protocol.js';
import { type ModelField, replaceModel } from '../routing/find-model-field.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import type { Exchange } from './record-exchange.js';
import { addSecrets } from './redact-known-keys.js';

/** What was read of the request, the same whichever back end it goes to. */
export interface ReadRequest {
  req: IncomingMessage;
  url: string;
  body: Buffer | null;
  field: ModelField | null;
  pathModel: string | null;
  protocol: ProxyProtocol | null;
}

export interface AimedRequest {
  backend: Backend;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer | null;
}

/**
 * Sets the exchange's back end, provider and sent model, and returns what goes upstream. Throws the login's AppError
 * when the back end's login cannot be sent (the caller refuses the request). `allowed`: the only client headers sent
 * (a failover back end's), null for all but hop-by-hop ones and credentials.
 */
export function aimRequest(
  runtime: ProxyRuntime,
  exchange: Exchange,
  read: ReadRequest,
  backend: Backend,
  rewrite: string | null,
  allowed: ReadonlySet<string> | null = null,
): AimedRequest {
  const { field, pathModel, protocol } = read;
  const body = read.body && field && rewrite ? replaceModel(read.body, field, rewrite) : read.body;
  // Gemini names the model in the path, not the body: a rewrite replaces it there (the protocol's replacePathModel).
  const replacePath = pathModel !== null && rewrite ? protocol?.replacePathModel : undefined;
  const sentUrl = replacePath && rewrite ? replacePath(read.url, rewrite) : read.url;
  exchange.sentModel = rewrite && (field || replacePath) ? rewrite : exchange.requestedModel;
  exchange.backend = backend.name;
  exchange.provider = backend.provider;
  const own = resolveBackendCredentials(backend, runtime.credentials, runtime.logins, Date.now());
  if (own) exchange.secrets = addSecrets(exchange.secrets ?? [], own.secrets);
  const headers = buildUpstreamHeaders(read.req.headers, body?.length ?? 0, own?.headers ?? null, allowed);
  if (!body) delete headers['content-length'];
  // Per back end: a request moved along the chain spends another account.
  exchange.account = findExchangeAccount(headers, null);
  exchange.body = body;
  return { backend, path: backend.basePath + (own ? dropQueryKey(sentUrl) : sentUrl), headers, body };
}

/**
 * Aims the request at the chain's member `step` (its rewrite, else the route's), or at the route's back end without a
 * chain. A later member is another account: it gets only the client headers its API needs (allowFailoverHeaders).
 */
export function aimStep(
  runtime: ProxyRuntime,
  exchange: Exchange,
  request: ReadRequest,
  route: Route,
  chain: FailoverChain | null,
  step: number,
): AimedRequest {
  const member = chain?.members[step];
  exchange.failover = chain ? { chain, step } : null;
  if (!member || step === 0) return aimRequest(runtime, exchange, request, route.backend, route.rewriteModel);
  const api = findProxyProtocol(member.backend.protocol ?? request.protocol?.id ?? null);
  return aimRequest(
    runtime,
    exchange,
    request,
    member.backend,
    member.rewriteModel ?? route.rewriteModel,
    allowFailoverHeaders(api.failoverHeaders),
  );
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
