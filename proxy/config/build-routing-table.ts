// Resolves config, flags and presets into the routing table the server uses: back ends and compiled rules.
import { AppError } from '../../kernel/index.js';
import { findProvider, type ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { compilePattern, type StringTest } from './compile-pattern.js';
import { findPreset, listPresetNames } from './presets.js';
import type { Backend } from './backend.js';
import type { BackendConfig, ProxyConfig, RouteConfig, RouteMatch } from './proxy-config-schema.js';
import { type FailoverPlan, resolveFailover } from './resolve-failover.js';

/** What a rule can look at: the requested model, the path, the request's headers (lower-case names). */
export interface RouteRequest {
  model: string | null;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Route {
  name: string;
  test: (request: RouteRequest) => boolean;
  backend: Backend;
  rewriteModel: string | null;
  subagent: string | null;
}

export type { Backend } from './backend.js';

export interface RoutingTable {
  routes: Route[];
  fallback: Route;
  backends: Backend[];
  /** The default back end's failover chain (it comes first), or null without one. */
  failover: FailoverPlan | null;
}

const DEFAULT_HEADERS_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_BODY_TIMEOUT_MS = 5 * 60_000;

/** Flag routes come first, then the file's, then the default (`--upstream`, else `default_backend`, else anthropic). */
export function buildRoutingTable(
  config: ProxyConfig,
  flagRoutes: RouteConfig[],
  upstream: string | undefined,
  env: NodeJS.ProcessEnv,
  catalog: ProviderCatalog,
): RoutingTable {
  const backends = new Map<string, Backend>();
  const resolveBackend = (ref: string, where: string): Backend => {
    const known = backends.get(ref);
    if (known) return known;
    const declared = config.backends[ref];
    const backend = declared ? toBackend(catalog, ref, declared, `backends.${ref}`) : fromReference(catalog, ref, where);
    backends.set(backend.name, backend);
    return backend;
  };
  const aliases = {
    haiku: config.aliases?.haiku ?? env.ANTHROPIC_DEFAULT_HAIKU_MODEL,
    sonnet: config.aliases?.sonnet ?? env.ANTHROPIC_DEFAULT_SONNET_MODEL,
    opus: config.aliases?.opus ?? env.ANTHROPIC_DEFAULT_OPUS_MODEL,
  };
  const routes = [
    ...flagRoutes.map((route, i) => ({ route, where: `--route #${i + 1}` })),
    ...config.routes.map((route, i) => ({ route, where: `routes[${i}]` })),
  ].map(
    ({ route, where }, i): Route => ({
      name: route.name ?? `rule-${i + 1}`,
      test: compileMatch(route.match, aliases, `${where}.match`),
      backend: resolveBackend(route.backend, `${where}.backend`),
      rewriteModel: route.rewrite_model ?? null,
      subagent: route.subagent ?? null,
    }),
  );
  const fallbackRef = upstream ?? config.default_backend ?? 'anthropic';
  const fallback: Route = {
    name: 'default',
    test: () => true,
    backend: resolveBackend(fallbackRef, upstream ? '--upstream' : 'default_backend'),
    rewriteModel: null,
    subagent: null,
  };
  const failover = resolveFailover(config.failover, fallback.backend, resolveBackend);
  for (const backend of backends.values()) {
    if (backend.auth && !env[backend.auth.env]) {
      // Worded so the secret redactor (which hides what follows "..._KEY:") leaves the line readable.
      throw new AppError('BAD_USAGE', `its key comes from the environment variable ${backend.auth.env}, which is not set`, {
        where: `back end ${backend.name}`,
      });
    }
  }
  return { routes, fallback, backends: [...backends.values()], failover };
}

/** A rule's target written inline: a preset name or a URL (its back end is named after host and port). */
function fromReference(catalog: ProviderCatalog, ref: string, where: string): Backend {
  if (findPreset(catalog, ref)) return toBackend(catalog, ref, { preset: ref }, where);
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    throw new AppError(
      'BAD_USAGE',
      `expected a back-end name, a preset (${listPresetNames(catalog).join(', ')}) or an http(s) URL, got ${JSON.stringify(ref)}`,
      { where },
    );
  }
  // Named by where it points, path included, so two URL targets on one host stay two back ends.
  return toBackend(catalog, url.host + url.pathname.replace(/\/+$/, ''), { url: ref }, where);
}

function toBackend(catalog: ProviderCatalog, name: string, declared: BackendConfig, where: string): Backend {
  const preset = declared.preset ? findPreset(catalog, declared.preset) : undefined;
  if (declared.preset && !preset)
    throw new AppError('BAD_INPUT', `expected a preset (${listPresetNames(catalog).join(', ')}), got ${JSON.stringify(declared.preset)}`, {
      where: `${where}.preset`,
    });
  const merged: BackendConfig = { ...preset, ...declared };
  if (!merged.url) throw new AppError('BAD_INPUT', 'a back end needs a url or a preset', { where: `${where}.url` });
  if (merged.auth_login && merged.auth_env)
    throw new AppError('BAD_INPUT', 'a back end sends either a key (auth_env) or a login (auth_login), not both', { where });
  let url: URL;
  try {
    url = new URL(merged.url);
  } catch {
    throw new AppError('BAD_USAGE', `expected an http(s) URL, got ${JSON.stringify(merged.url)}`, { where });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('BAD_INPUT', `expected an http(s) URL, got ${merged.url}`, { where: `${where}.url` });
  return {
    name,
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    provider: merged.provider ?? null,
    protocol: merged.protocol ?? (merged.provider ? (findProvider(catalog, merged.provider)?.protocol ?? null) : null),
    auth: merged.auth_env ? { env: merged.auth_env, header: merged.auth_header ?? 'x-api-key' } : null,
    login: merged.auth_login ?? null,
    headersTimeoutMs: merged.headers_timeout_ms ?? DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: merged.body_timeout_ms ?? DEFAULT_BODY_TIMEOUT_MS,
    connections: merged.connections ?? 256,
  };
}

function compileMatch(
  match: RouteMatch,
  aliases: Record<'haiku' | 'sonnet' | 'opus', string | undefined>,
  where: string,
): (request: RouteRequest) => boolean {
  const checks: ((request: RouteRequest) => boolean)[] = [];
  if (match.model !== undefined) checks.push(onModel(compilePattern(match.model, `${where}.model`)));
  if (match.model_alias !== undefined) {
    const tier = match.model_alias;
    const configured = aliases[tier];
    checks.push(onModel((model) => model === configured || model.toLowerCase().includes(tier)));
  }
  for (const [header, pattern] of Object.entries(match.headers ?? {})) {
    // HTTP header names are case-insensitive; Node gives them lower-case.
    const name = header.toLowerCase();
    const test = compilePattern(pattern, `${where}.headers.${header}`);
    checks.push((request) => {
      const value = request.headers[name];
      return value !== undefined && test(Array.isArray(value) ? value.join(', ') : value);
    });
  }
  if (match.path !== undefined) {
    const test = compilePattern(match.path, `${where}.path`);
    checks.push((request) => test(request.path));
  }
  if (checks.length === 0)
    throw new AppError('BAD_INPUT', 'a rule must match on at least one of model, model_alias, headers, path', { where });
  return (request) => checks.every((check) => check(request));
}

function onModel(test: StringTest): (request: RouteRequest) => boolean {
  return (request) => request.model !== null && test(request.model);
}

export function pickRoute(table: RoutingTable, request: RouteRequest): Route {
  for (const route of table.routes) if (route.test(request)) return route;
  return table.fallback;
}
