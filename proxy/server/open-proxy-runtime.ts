// Opens what every proxied request shares (row writer, pools, budgets, failover chain, transcripts), and closes it.
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { startBudget } from '../budget/start-budget.js';
import { openFailover } from '../failover/open-failover.js';
import { BackendPools } from '../forward/backend-pools.js';
import { openBackendLogins } from '../forward/open-backend-logins.js';
import { MAX_KEPT_REFUSALS, resolveOtlpLimits } from '../otel/otlp-limits.js';
import { openRowQueue } from '../telemetry/open-row-queue.js';
import { RateLimitRecorder } from '../telemetry/rate-limit-recorder.js';
import { TranscriptRecorder } from '../transcript/transcript-recorder.js';
import { ArmPaths } from './arm-paths.js';
import { BodyBudget } from './body-budget.js';
import type { ProxyOptions } from './proxy-options.js';
import type { ProxyLimits } from './proxy-limits.js';
import type { ProxyRuntime, RefusalCounts } from './proxy-runtime.js';
import { createRefusalRecorder, type RefusalReason } from './record-refusals.js';
import { sayOnce } from './start-path.js';

export interface OpenedRuntime {
  runtime: ProxyRuntime;
  /** Aborts every request in flight (the runtime's `shutdown` signal). */
  shutdown: AbortController;
  /** What a restart rebuilt from the ledger, when budgets are set. */
  rebuilt: ReturnType<typeof startBudget>['rebuilt'] | null;
  /** Starts the failover chain's state and quota reads: once the proxy listens. */
  startFailover(): void;
  /** Stops the failover chain, writes the transcripts and the rows that wait, ends the pools: the rows lost. */
  close(): Promise<number>;
}

/** Throws (an AppError) before opening anything when a failover chain's quota endpoint has no login. */
export function openProxyRuntime(options: ProxyOptions, env: NodeJS.ProcessEnv, limits: ProxyLimits): OpenedRuntime {
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
    { flushMs: options.flushMs, onError: options.onWriteError },
  );
  const pools = new BackendPools();
  const budgets =
    options.budget && options.budget.policy.limits.length > 0
      ? startBudget(options.dataDir, options.budget, (row) => queue.addBudgetEvent(row))
      : null;
  const bodies = new BodyBudget(limits.maxInFlightBodyBytes);
  const runtime: ProxyRuntime = {
    table: options.table,
    pools,
    queue,
    recorder: new RateLimitRecorder(),
    agentId: options.agentId,
    credentials,
    logins,
    authToken: options.authToken ?? null,
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
  return {
    runtime,
    shutdown,
    rebuilt: budgets?.rebuilt ?? null,
    startFailover: () => failover?.start(),
    async close() {
      failover?.stop();
      await runtime.transcripts?.flush();
      refused.flush();
      const lostRows = await queue.close();
      await pools.destroy();
      return lostRows;
    },
  };
}
