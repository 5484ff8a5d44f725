// Starts what an experiment run talks to: the scripted model server (for simulated providers) and the proxy in front of every provider.
import type { BudgetPolicy } from '../budget/index.js';
import { AppError, isAppError } from '../kernel/index.js';
import type { ProtocolId, ProviderCatalog } from '../ledger/vocabulary/index.js';
import { findProfileProtocol, hasSubagents } from '../sources/agents/index.js';
import { buildRoutingTable, startProxy, type RunningProxy } from '../proxy/index.js';
import { getBuiltinScript, selectAccount, startScriptedServer, type ScriptedServer } from '../model-server/index.js';
import { findSecondSubscription, type ProviderProfile, type QuotaSource } from '../runner/index.js';
import { buildRunRoutes, SCRIPTED_ACCOUNT_KEY_ENV } from './build-run-routes.js';
import { loadRunQuota } from './load-run-quota.js';
import {
  describeCredentialPlaces,
  loadQuotaCredential,
  QUOTA_PATHS,
  resolveQuotaEndpoint,
  type QuotaKind,
} from '../sources/quota/index.js';

export interface RunServices {
  proxy: RunningProxy;
  /** The built-in model server, when some provider is simulated. */
  server: ScriptedServer | null;
  /** Providers whose capacity (and whose sub-agent back end's) is read from a quota endpoint; `warnings` name those that cannot be. */
  quotaSources: { sources: Map<string, QuotaSource>; subagents: Map<string, QuotaSource>; warnings: string[] };
  /**
   * The windows of the arms running now: the only ones whose turns are kept. Each arm's requests are attributed by the
   * base URL the runner gave its agent (the proxy's `armPaths`), so an agent cannot name another window; this keeps a
   * finished arm's evidence closed all the same. The runner's capacity probes (`<window>.before`, `.after`) are never in it.
   */
  liveWindows: Set<string>;
  /** A provider's arm ended with its window in the ledger: its charges on the scripted server are final (load-run-quota.ts). */
  settleArm(provider: string): void;
  stop(): Promise<void>;
}

export interface RunServicesRequest {
  dataDir: string;
  /** The plan run: its simulated subscriptions' quota is kept under its name in the data dir. */
  planId: string;
  agentId: string;
  /** The run's task banks: the scripted solver finds each task's solution in the first that holds it. */
  tasksDirs: string[];
  profiles: ReadonlyMap<string, ProviderProfile>;
  /** The data dir's provider catalog: the presets its profiles name. */
  catalog: ProviderCatalog;
  port: number;
  budget: { policy: BudgetPolicy; since?: Date | undefined } | null;
  env: NodeJS.ProcessEnv;
}

/**
 * One back end per provider, named after it (so telemetry, readings and provider budgets all say
 * `sim-steady`, `claude`, ...), and one route each on the runner's `x-tracker-provider` header.
 */
export async function startRunServices(request: RunServicesRequest): Promise<RunServices> {
  const needsServer = [...request.profiles.values()].some(
    (profile) => profile.upstream === 'scripted' || findSecondSubscription(profile)?.upstream === 'scripted',
  );
  const hello = getBuiltinScript('hello');
  // Real Claude Code in -p mode sends no haiku-tier request of its own: a run with a sub-agent route has the scripted
  // model delegate a survey to a haiku sub-agent (Agent tool), so both Claude arms have sub-agent traffic to compare.
  const delegate = [...request.profiles.values()].some((profile) => profile.subagents !== undefined && hasSubagents(profile.driver));
  // The simulated quota goes on where the plan's finished arms left it, so a resumed run is the run it resumes.
  const quota = needsServer ? loadRunQuota({ ...request, nowMs: Date.now() }) : null;
  for (const note of quota?.notes ?? []) process.stderr.write(`note: the simulated subscriptions' quota: ${note}\n`);
  const server =
    needsServer && hello && quota
      ? await startScriptedServer({
          script: hello,
          solver: { tasksDir: request.tasksDirs, delegate },
          quota: { file: quota.file, state: quota.state, journal: true, onProblem: warnOnce('the scripted model server cut a request') },
        })
      : null;
  try {
    const config = buildRunRoutes(request.profiles, server, request.catalog);
    // The placeholder key of a scripted chain's back end (build-run-routes.ts), for this proxy only.
    const env = config.failover ? { ...request.env, [SCRIPTED_ACCOUNT_KEY_ENV]: 'scripted-account' } : request.env;
    const table = buildRoutingTable(config, [], undefined, env, request.catalog);
    const liveWindows = new Set<string>();
    const proxy = await startProxy({
      table,
      dataDir: request.dataDir,
      agentId: request.agentId,
      port: request.port,
      env,
      flushMs: 50,
      budget: request.budget ? { policy: request.budget.policy, ...(request.budget.since ? { since: request.budget.since } : {}) } : null,
      // Each arm's turns go to evidence/<window>/turns.jsonl (docs/data-format.md); a write that fails is said once, never fatal.
      transcripts: { dataDir: request.dataDir, onProblem: warnOnce(), acceptWindow: (id) => liveWindows.has(id) },
      // Only at base URLs the runner opens per arm and probe: all an agent sends is its arm's.
      armPaths: true,
      // An arm's refused OpenTelemetry export (a bomb, a bad body) is answered and the run goes on; the line names its window.
      onOtelRefusal: (line) => process.stderr.write(`tracker: ${line}\n`),
    });
    return {
      proxy,
      server,
      quotaSources: locateQuotaSources(request.profiles, server, request.env),
      liveWindows,
      settleArm: (provider) => server?.settleQuota(Date.now(), quota?.accountsOf(provider) ?? []),
      async stop() {
        await proxy.stop(2_000);
        await server?.close();
      },
    };
  } catch (error) {
    await server?.close();
    throw error;
  }
}

/**
 * A simulated provider's quota is the scripted server's endpoint for the account its model names (the
 * credential is the account). A real one's is the provider's endpoint with the user's own login; without
 * one the arm falls back to the proxy's readings, and the warning says so before anything runs. The same
 * for the second subscription a provider's sub-agent requests are routed to.
 */
function locateQuotaSources(
  profiles: ReadonlyMap<string, ProviderProfile>,
  server: ScriptedServer | null,
  env: NodeJS.ProcessEnv,
): RunServices['quotaSources'] {
  const sources = new Map<string, QuotaSource>();
  const subagents = new Map<string, QuotaSource>();
  const warnings: string[] = [];
  for (const [provider, profile] of profiles) {
    if (profile.quota !== undefined) {
      const found = locateQuotaSource(
        profile.quota,
        profile.model,
        findProfileProtocol(profile.driver, profile.login),
        profile.upstream,
        server,
        env,
      );
      if ('source' in found) sources.set(provider, found.source);
      else warnings.push(`${provider}: ${found.missing}; its capacity comes from the proxy's readings`);
    }
    const second = findSecondSubscription(profile);
    if (second?.quota !== undefined) {
      const found = locateQuotaSource(
        second.quota,
        second.model,
        findProfileProtocol(profile.driver, undefined),
        second.upstream,
        server,
        env,
      );
      if ('source' in found) subagents.set(provider, found.source);
      else warnings.push(`${provider}: ${found.missing}; its ${second.label}' share on ${second.provider} is not priced`);
    }
  }
  return { sources, subagents, warnings };
}

function locateQuotaSource(
  kind: QuotaKind,
  model: string,
  protocol: ProtocolId,
  upstream: ProviderProfile['upstream'],
  server: ScriptedServer | null,
  env: NodeJS.ProcessEnv,
): { source: QuotaSource } | { missing: string } {
  if (upstream === 'scripted' && server) {
    // The account the scripted server charges this model's requests to (solver-bars.ts): the quota credential names it.
    const account = selectAccount(model, protocol);
    const credential = { secret: account, from: 'the scripted account' };
    return {
      source: {
        endpoint: { kind, url: `${server.url}${QUOTA_PATHS[kind]}`, urlEnv: 'the scripted model server' },
        readCredential: () => credential,
        model,
      },
    };
  }
  let credential: ReturnType<typeof loadQuotaCredential>;
  try {
    credential = loadQuotaCredential(kind, env);
  } catch (error) {
    // A login that cannot read the bars (no user:profile scope) still runs the agent: its bars come from the answers.
    if (isAppError(error, 'quota-scope') || isAppError(error, 'quota-expired')) return { missing: error.toLine() };
    throw error;
  }
  if (!credential) return { missing: `no credentials for the ${kind} quota endpoint (${describeCredentialPlaces(kind)})` };
  // Read again at each capture (readQuotaSource): the user's own CLI may refresh its login while the run goes on.
  const readCredential = () => {
    const now = loadQuotaCredential(kind, env);
    if (!now) throw new AppError('NOT_FOUND', `no credentials for the ${kind} quota endpoint any more (${describeCredentialPlaces(kind)})`);
    return now;
  };
  return { source: { endpoint: resolveQuotaEndpoint(kind, env), readCredential, model } };
}

/** Says the first problem of a kind on stderr and no later one: a full disk must not flood the progress display. */
function warnOnce(what = "could not keep an arm's transcript"): (message: string) => void {
  let said = false;
  return (message) => {
    if (said) return;
    said = true;
    process.stderr.write(`tracker: ${what} (later ones are not reported): ${message}\n`);
  };
}
