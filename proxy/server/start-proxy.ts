// Starts the routing proxy: an HTTP server on loopback, its pools and telemetry queue, and a clean stop.
import { createRefusalRecorder, type RefusalReason } from './record-refusals.js';
import { setMaxListeners } from 'node:events';
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TelemetryRow } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import type { RoutingTable } from '../config/build-routing-table.js';
import { BackendPools } from '../forward/backend-pools.js';
import { openBackendLogins } from '../forward/open-backend-logins.js';
import { RateLimitRecorder } from '../telemetry/rate-limit-recorder.js';
import type { FailoverEvent } from '../failover/failover-chain.js';
import { openFailover } from '../failover/open-failover.js';
import { openRowQueue } from '../telemetry/open-row-queue.js';
import type { RebuildSummary } from '../../budget/index.js';
import type { ProxyBudget } from '../budget/proxy-budget.js';
import { startBudget, type BudgetSetup } from '../budget/start-budget.js';
import { answerClientError } from './answer-client-error.js';
import { handleProxyRequest } from './handle-request.js';
import { assertSafeHost } from '../../kernel/index.js';
import { BodyBudget } from './body-budget.js';
import { resolveProxyLimits, type ProxyLimits } from './proxy-limits.js';
import type { RefusalCounts } from './answer-tracker-route.js';
import { TranscriptRecorder, type TranscriptOptions } from '../transcript/transcript-recorder.js';
import { type ArmBaseUrl, ArmPaths } from './arm-paths.js';
import { sayOnce } from './start-path.js';
import { MAX_KEPT_REFUSALS, type OtlpLimits, resolveOtlpLimits } from '../otel/otlp-limits.js';

export { assertSafeHost } from '../../kernel/index.js';

export interface ProxyOptions {
  table: RoutingTable;
  dataDir: string;
  agentId: string;
  host?: string;
  port?: number;
  authToken?: string | null;
  env?: NodeJS.ProcessEnv;
  onTelemetry?: (row: TelemetryRow) => void;
  onWriteError?: (message: string) => void;
  /** Telemetry batching (tests shorten it). */
  flushMs?: number;
  /** Token budgets to enforce; usage so far is rebuilt from the ledger at start. */
  budget?: BudgetSetup | null;
  /** Timeouts and caps; unset ones come from TRACKER_PROXY_* variables in `env`, else the defaults (docs/proxy.md, Hardening). */
  limits?: Partial<ProxyLimits>;
  /** Keep each window's turns (requests, responses, tool calls) in <dataDir>/evidence/<window>/turns.jsonl. Off by default. */
  transcripts?: TranscriptOptions | null;
  /**
   * A run's proxy: every request but /_tracker/ must come under a base URL made by `openArmPath`, which fixes its
   * attribution (arm-paths.ts); any other gets 403. Off by default: a proxy of one's own attributes by headers.
   */
  armPaths?: boolean;
  /**
   * An everyday proxy on loopback without a token: every request, /_tracker/ included, must come under this secret
   * base path (keepStartPath), which `url` then ends with. Null or absent: none.
   */
  startPath?: string | null;
  /** Told at the first request refused outside `startPath`, once per start. */
  onWrongStartPath?: () => void;
  /** Told at the first request refused for a missing or wrong x-tracker-auth token, once per start. */
  onWrongToken?: () => void;
  /** Caps of the OTLP exports the proxy takes at /v1/logs and /v1/metrics; unset ones from TRACKER_OTEL_* in `env`, else defaults. */
  otelLimits?: Partial<OtlpLimits>;
  /** Told one line per refused OTLP export (what was wrong, where its body was kept). */
  onOtelRefusal?: (line: string) => void;
  /** Told when the failover chain moves work on, or brings it back after a reset. */
  onFailover?: (event: FailoverEvent) => void;
  /** Told when a read of the failover chain's quota endpoint fails (one line, once until a read succeeds). */
  onFailoverQuotaProblem?: (line: string) => void;
  /** Epoch milliseconds now, for the failover chain's resets (tests move it). */
  clock?: () => number;
}

export interface RunningProxy {
  /** The base URL clients take: with the start path when there is one. */
  url: string;
  port: number;
  /** The budgets' tracker, when budgets are set (for displays). */
  budget: ProxyBudget | null;
  /** What a restart rebuilt from the ledger. */
  rebuilt: RebuildSummary | null;
  /** Requests in flight now. */
  inFlight(): number;
  /** The timeouts and caps in force. */
  limits: ProxyLimits;
  /** With `armPaths`: a base URL whose requests carry these attribution headers whatever they send; null without. */
  openArmPath: ((headers: Record<string, string>) => ArmBaseUrl) | null;
  /** Stops accepting, lets streams in flight finish for `graceMs`, aborts the rest, flushes telemetry. */
  stop(graceMs?: number): Promise<{ aborted: number; lostRows: number }>;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const host = options.host ?? '127.0.0.1';
  const authToken = options.authToken ?? null;
  assertSafeHost(host, authToken);
  const env = options.env ?? process.env;
  const limits = resolveProxyLimits(env, options.limits);
  const refusals: RefusalCounts = new Map();
  // Every 401 is kept in the data dir's state too (count, last time, reason): tracker status says it later.
  const refused = createRefusalRecorder(options.dataDir, 'proxy');
  const wrongToken = sayOnce(options.onWrongToken);
  const noteUnauthorized = (reason: RefusalReason): void => {
    refused.note(reason);
    if (reason === 'token') wrongToken();
  };
  const credentials = new Map<string, string>();
  for (const backend of options.table.backends)
    if (backend.auth && env[backend.auth.env]) credentials.set(backend.name, env[backend.auth.env] as string);
  const logins = openBackendLogins(options.table, env);
  // Before anything is opened: a chain whose quota endpoint has no login refuses the start (its reads start on listen).
  const failover = openFailover({
    plan: options.table.failover,
    dataDir: options.dataDir,
    env,
    clock: options.clock ?? Date.now,
    onEvent: options.onFailover,
    onWriteError: options.onWriteError,
    onQuotaProblem: options.onFailoverQuotaProblem,
  });
  const shutdown = new AbortController();
  // Every request in flight listens for the shutdown: that is not a leak.
  setMaxListeners(0, shutdown.signal);
  const queue = openRowQueue(
    options.dataDir,
    { agentId: options.agentId, source: 'proxy' },
    {
      flushMs: options.flushMs,
      onError: options.onWriteError,
    },
  );
  const pools = new BackendPools();
  const budgets =
    options.budget && options.budget.policy.limits.length > 0
      ? startBudget(options.dataDir, options.budget, (row) => queue.addBudgetEvent(row))
      : null;
  const bodies = new BodyBudget(limits.maxInFlightBodyBytes);
  const runtime = {
    table: options.table,
    pools,
    queue,
    recorder: new RateLimitRecorder(),
    agentId: options.agentId,
    credentials,
    logins,
    authToken,
    shutdown: shutdown.signal,
    now: () => performance.now(),
    onTelemetry: options.onTelemetry,
    budget: budgets?.budget ?? null,
    limits,
    bodies,
    refusals,
    transcripts: options.transcripts ? new TranscriptRecorder(options.transcripts) : null,
    armPaths: options.armPaths ? new ArmPaths() : null,
    startPath: options.startPath ?? null,
    onWrongStartPath: sayOnce(options.onWrongStartPath),
    onUnauthorized: noteUnauthorized,
    failover: failover?.chain ?? null,
    otlp: {
      dataDir: options.dataDir,
      agentId: options.agentId,
      sink: queue,
      limits: resolveOtlpLimits(env, options.otelLimits),
      // An export's body is one more request body in memory: the proxied bodies' budget holds it.
      bodies,
      onRefusal: options.onOtelRefusal ?? (() => undefined),
      refusalsLeft: MAX_KEPT_REFUSALS,
    },
  };
  let inFlight = 0;
  const server = createServer(serverOptionsOf(limits), (req, res) => {
    inFlight += 1;
    handleProxyRequest(runtime, req, res)
      .catch((error: unknown) => {
        // A defect, not user input: answer something well-formed and keep serving.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: 'api_error', message: `tracker proxy: internal error: ${(error as Error).message}` },
          }),
        );
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) server.emit('idle');
      });
  });
  // Past the cap Node closes new sockets as they are accepted and emits 'drop' (https://nodejs.org/api/net.html#event-drop).
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.on('drop', () => refusals.set('proxy_connection_cap', (refusals.get('proxy_connection_cap') ?? 0) + 1));
  server.on('clientError', (error: Error & { code?: string }, socket) => answerClientError(error, socket, refusals));
  const port = await listen(server, host, options.port ?? 0);
  failover?.start();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  const armPaths = runtime.armPaths;
  return {
    url: `${url}${runtime.startPath ?? ''}`,
    port,
    budget: budgets?.budget ?? null,
    rebuilt: budgets?.rebuilt ?? null,
    inFlight: () => inFlight,
    limits,
    openArmPath: armPaths ? (headers) => armPaths.openPath(url, headers) : null,
    async stop(graceMs = 10_000) {
      server.close();
      server.closeIdleConnections();
      let aborted = 0;
      if (inFlight > 0) {
        const idle = new Promise<void>((resolve) => server.once('idle', resolve));
        const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
        if ((await Promise.race([idle, timer])) === 'late') {
          aborted = inFlight;
          shutdown.abort();
          // The cut requests' rows, then their 503s or cuts (which wait for the rows), before the sockets go.
          void queue.flush();
          // Requests still uploading their body are not listening for the abort: cut their sockets.
          server.closeAllConnections();
          await idle;
        }
      }
      server.closeAllConnections();
      failover?.stop();
      await runtime.transcripts?.flush();
      refused.flush();
      const lostRows = await queue.close();
      await pools.destroy();
      return { aborted, lostRows };
    },
  };
}

/**
 * Node closes a connection whose headers are late (408) and one idle between requests; requestTimeout
 * bounds receiving a request only, never the streamed answer. The timeouts are checked every
 * connectionsCheckingInterval ms (default 30 s), so it follows the header timeout.
 * https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
 */
function serverOptionsOf(limits: ProxyLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use`
          : `cannot listen on ${host}:${port}: ${error.code ?? error.message}`;
      reject(new AppError('IO', reason, { where: '--port' }));
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
