// `tracker proxy`: the routing proxy in front of the model APIs (real token counts, bars, sub-agent routing).
import { Command } from 'commander';
import { AppError, assertSafeHost, isAppError } from '../../kernel/index.js';
import { BUILT_IN_CATALOG, PROFILE_LOGINS, type ProviderCatalog } from '../../ledger/vocabulary/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { describeCredentialPlaces, QUOTA_KINDS } from '../../sources/quota/index.js';
import { readFailoverFlags } from '../read-failover-flags.js';
import {
  describeWrongStartPath,
  describeWrongToken,
  buildRoutingTable,
  DEFAULT_PROXY_LIMITS,
  LIMIT_ENV,
  LIMIT_FLAG,
  loadProxyConfig,
  parseBackendFlag,
  listPresetNames,
  parseRouteFlag,
  ProxyConfigSchema,
  readLimitFlags,
  resolveProxyLimits,
  startProxy,
  type FailoverEvent,
  type KeptStartPath,
  type ProxyConfig,
  type ProxyLimits,
  type RoutingTable,
} from '../../proxy/index.js';
import { describePolicy, type BudgetFlags } from '../../budget/index.js';
import { startBudgetDisplay, type BudgetDisplay } from '../budget-display.js';
import { addBudgetOptions, readBudgetPolicy, readBudgetSince } from '../budget-options.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { printResult } from '../print-output.js';
import { createUpstreamWarner } from '../warn-upstream-failures.js';
import { parsePort, waitForStopSignal } from './serve-until-signal.js';
import { addRotateSecretOption, describeKeptStartPath, resolveStartPath } from './start-path-option.js';

/** What each limit flag holds, for --help; the default and the variable are added from the limits' own tables. */
const LIMIT_HELP: Record<keyof ProxyLimits, string> = {
  headersTimeoutMs: 'time to receive a request header block (then 408)',
  bodyIdleTimeoutMs: 'longest pause between two request body chunks',
  requestTimeoutMs: 'time to receive a whole request (never limits the answer stream)',
  keepAliveTimeoutMs: 'how long an idle keep-alive connection stays open',
  maxConnections: 'open client connections at most',
  maxHeadersCount: 'request headers kept at most',
  maxBodyBytes: 'largest request body (larger: 413)',
  maxInFlightBodyBytes: 'request body bytes held by all requests together (past it: 503)',
  budgetWaitMs: 'longest wait for room that requests in flight hold in a block budget (then 429)',
};

interface ProxyFlags {
  port?: string;
  host?: string;
  config?: string;
  upstream?: string;
  route: string[];
  backend: string[];
  failover: string[];
  failoverAt?: string;
  failoverQuota?: string;
  authToken?: string;
  rotateSecret?: boolean;
  graceMs: string;
  check?: boolean;
  verbose?: boolean;
}

export function createProxyCommand(): Command {
  const command = new Command('proxy')
    .description(
      'run the routing proxy: counts real tokens, records the bars from response headers, routes sub-agent models to another back end',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8787')
    .option('--host <host>', 'address to listen on; a non-loopback one needs --auth-token', '127.0.0.1')
    .option('--config <file>', 'JSON config: back ends, routing rules (see docs/proxy.md)')
    .option(
      '--upstream <url|preset>',
      `where requests no rule takes go: a URL, ${listPresetNames(BUILT_IN_CATALOG).join(', ')} or a declared provider's id (default: anthropic)`,
    )
    .option(
      '--route <rule>',
      'MODEL_GLOB=TARGET[,model=NEW_MODEL][,subagent=LABEL], repeatable; TARGET is a URL, a preset or a config back end',
      collect,
      [],
    )
    .option('--backend <name=url>', 'name a back end at a URL (no key), for --route and --upstream; repeatable', collect, [])
    .option(
      '--failover <target>',
      "TARGET[,model=NEW_MODEL][,auth_env=VAR]: where the default back end's requests go once its window is spent, in order; repeatable (docs/failover.md)",
      collect,
      [],
    )
    .option('--failover-at <pct>', 'also move once a bar on the current back end reaches this percent (default: only when it refuses)')
    .option(
      '--failover-quota <endpoint>',
      `ENDPOINT[,every=SECONDS]: also read the default back end's bars from its quota endpoint (${QUOTA_KINDS.join(', ')}; every 60 s by default), for answers that carry none`,
    )
    .option('--auth-token <token>', 'require clients to send it as x-tracker-auth (default: $TRACKER_PROXY_AUTH_TOKEN)')
    .option('--grace-ms <ms>', 'on SIGINT/SIGTERM, how long streams in flight may finish before they are cut', '10000')
    .option('--check', 'validate the config and flags, print the routing table, and exit')
    .option('--verbose', 'log one line per request on stderr');
  for (const key of Object.keys(LIMIT_FLAG) as (keyof ProxyLimits)[]) {
    command.option(`${LIMIT_FLAG[key]} <n>`, `${LIMIT_HELP[key]} (default ${DEFAULT_PROXY_LIMITS[key]}, or $${LIMIT_ENV[key]})`);
  }
  command
    .addHelpText(
      'after',
      `
Point clients at the URL it prints: on loopback without --auth-token it ends with a secret path kept in the data
dir's state (/_s/<hex>, the same at every start until --rotate-secret; anything else gets 401), shown as URL below:
  ANTHROPIC_BASE_URL=URL claude ...
  codex -c model_provider=tracker -c 'model_providers.tracker={name="tracker",base_url="URL/v1",wire_api="responses"}' ...
Codex signed in with ChatGPT (start with --upstream chatgpt; its own login passes through):
  codex -c model_provider=chatgpt-proxy -c 'model_providers.chatgpt-proxy={name="chatgpt-proxy",base_url="URL/backend-api/codex",wire_api="responses",requires_openai_auth=true}' ...
Route Claude Code's haiku-tier calls to GLM (key from $ZAI_API_KEY):
  tracker proxy --route 'claude-haiku-*=glm,model=glm-4.5-air'
Telemetry goes to proxy_telemetry.jsonl, bar readings (source proxy) to snapshots.jsonl. The agents' own
OpenTelemetry (OTEL_EXPORTER_OTLP_ENDPOINT=URL) is taken at /v1/logs and /v1/metrics, never
forwarded, into otel_usage.jsonl (docs/otel.md).`,
    )
    .action(async function (this: Command, flags: ProxyFlags & BudgetFlags & { budgetSince?: string }) {
      const ctx = resolveContext(this);
      // The providers its providers.json declares (back ends, profiles, plans, prices): docs/providers.md.
      const catalog = loadProviderCatalog(ctx.dataDir);
      const policy = readBudgetPolicy(flags, catalog);
      const since = readBudgetSince(flags.budgetSince);
      const { table, host, port, authToken, graceMs, limits } = readServeSettings(this, flags, catalog);
      if (flags.check) {
        printResult(
          ctx.json,
          { ...describeTable(table), budgets: policy.limits, limits },
          () =>
            `${renderTable(table)}${renderLimits(limits)}Budgets:\n${describePolicy(policy)
              .map((line) => `  ${line}\n`)
              .join('')}`,
        );
        return;
      }
      // The secret path keeps other local processes from spending on the back end's key.
      const kept = resolveStartPath(ctx.dataDir, authToken, flags.rotateSecret);
      const startPath = kept?.path ?? null;
      let display: BudgetDisplay | null = null;
      // With live bars on a terminal, every other stderr line goes above them.
      const writeLine = (line: string): void => void (display ? display.log(line) : process.stderr.write(line));
      const proxy = await startProxy({
        table,
        dataDir: ctx.dataDir,
        agentId: ctx.agentId,
        host,
        port,
        authToken,
        startPath,
        onWrongStartPath: kept ? () => writeLine(`tracker proxy: ${describeWrongStartPath(kept.file, 'request')}\n`) : undefined,
        onWrongToken: () => writeLine(`tracker proxy: ${describeWrongToken('request')}\n`),
        limits,
        budget: { policy, since, onEvent: (event) => display?.onEvent(event) },
        onWriteError: (message) => writeLine(`tracker proxy: could not write telemetry yet (will retry): ${message}\n`),
        onFailover: (event) => writeLine(describeFailoverEvent(event)),
        onFailoverQuotaProblem: (line) => writeLine(`tracker proxy: could not read the failover chain's bars: ${line}\n`),
        onTelemetry: flags.verbose ? (row) => writeLine(describeTelemetryRow(row)) : createUpstreamWarner(writeLine),
      });
      // Listening before the URL is printed: a client that stops it on reading the URL must not meet the default SIGTERM.
      const stopping = waitForStopSignal();
      printResult(
        ctx.json,
        {
          url: proxy.url,
          port: proxy.port,
          secret_path: startPath !== null,
          secret_file: kept?.file ?? null,
          secret_created: kept?.created ?? false,
          ...describeTable(table),
          budgets: policy.limits,
          rebuilt: proxy.rebuilt,
        },
        () => `tracker proxy listening on ${proxy.url}\n${kept === null ? '' : describeStartPath(proxy.url, kept)}`,
      );
      const budget = proxy.budget;
      if (budget) {
        const rebuilt = proxy.rebuilt ? `; usage so far rebuilt from ${proxy.rebuilt.requests} request(s) in the ledger` : '';
        process.stderr.write(
          `tracker proxy: enforcing ${policy.limits.length} budget(s)${rebuilt}\n${describePolicy(policy)
            .map((line) => `  ${line}\n`)
            .join('')}`,
        );
        display = startBudgetDisplay(() => budget.tracker.usage());
      }
      const signal = await stopping;
      display?.stop();
      process.stderr.write(`tracker proxy: ${signal}, finishing ${proxy.inFlight()} request(s) in flight\n`);
      const { aborted, lostRows } = await proxy.stop(graceMs);
      const cut = aborted ? ` (cut ${aborted} stream(s) still running)` : '';
      if (lostRows > 0)
        throw new AppError(
          'IO',
          `stopped${cut}, but ${lostRows} row(s) of telemetry and bar readings could not be written to ${ctx.dataDir}`,
          { where: 'proxy' },
        );
      process.stderr.write(`tracker proxy: stopped${cut}; telemetry flushed\n`);
    });
  return addRotateSecretOption(addBudgetOptions(command));
}

/** What a client sets to use the proxy at its secret base URL, said once at the start. */
function describeStartPath(url: string, kept: KeptStartPath): string {
  return [
    describeKeptStartPath(kept).trimEnd(),
    `  ANTHROPIC_BASE_URL=${url} claude`,
    `  codex -c model_provider=tracker -c 'model_providers.tracker={name="tracker",base_url="${url}/v1",wire_api="responses"}'`,
    `  OTEL_EXPORTER_OTLP_ENDPOINT=${url} (the agents' own OpenTelemetry)`,
    '',
  ].join('\n');
}

/** One stderr line when work moves on and when it comes back. */
function describeFailoverEvent(event: FailoverEvent): string {
  const { bar, used_pct: used, resets_at: resets, trigger, clamped_from: given } = event.window;
  const why = trigger === 'rejected' ? `refused for its ${bar} window (${used}%)` : `${bar} bar at ${used}%`;
  // A reset past what the bar's period allows is the proxy's bound, not the vendor's word: the line says so.
  const clamped = given === undefined ? '' : ` (clamped: it named ${given}, past what a ${bar} window allows)`;
  return event.kind === 'move'
    ? `tracker proxy: moved work from ${event.from} to ${event.to}: ${event.from} ${why}; back to it at its reset, ${resets}${clamped}\n`
    : `tracker proxy: work is back on ${event.to} (its ${bar} window reset at ${resets}); it had moved to ${event.from}\n`;
}

/** The routing table; an error in the file's part names the file. */
function buildTable(config: ProxyConfig, flags: ProxyFlags, catalog: ProviderCatalog): RoutingTable {
  try {
    return buildRoutingTable(config, flags.route.map(parseRouteFlag), flags.upstream, process.env, catalog);
  } catch (error) {
    if (isAppError(error) && flags.config && /^(routes\[|backends\.|default_backend|failover\.)/.test(error.where ?? '')) {
      throw new AppError(error.code, error.message, { where: `${flags.config}: ${error.where}`, cause: error });
    }
    throw error;
  }
}

function parseNonNegativeInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value))
    throw new AppError('BAD_USAGE', `expected a whole number of milliseconds, got ${JSON.stringify(value)}`, { where: flag });
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function describeTable(table: RoutingTable) {
  return {
    routes: table.routes.map((route) => ({
      name: route.name,
      backend: route.backend.name,
      rewrite_model: route.rewriteModel,
      subagent: route.subagent,
    })),
    default_backend: table.fallback.backend.name,
    failover: table.failover
      ? {
          chain: table.failover.members.map((member) => ({ backend: member.backend.name, rewrite_model: member.rewriteModel })),
          at_pct: table.failover.atPct,
          quota: table.failover.quota ? { endpoint: table.failover.quota.endpoint, every_s: table.failover.quota.everyMs / 1000 } : null,
        }
      : null,
    backends: table.backends.map((backend) => ({
      name: backend.name,
      url: backend.origin + backend.basePath,
      provider: backend.provider,
      auth_env: backend.auth?.env ?? null,
      auth_login: backend.login,
    })),
  };
}

function renderLimits(limits: ProxyLimits): string {
  const lines = (Object.keys(LIMIT_FLAG) as (keyof ProxyLimits)[]).map((key) => `  ${LIMIT_FLAG[key].slice(2)}: ${limits[key]}`);
  return `Limits:\n${lines.join('\n')}\n`;
}

function describeCredentials(backend: RoutingTable['backends'][number]): string {
  if (backend.login === PROFILE_LOGINS.chatgpt) return 'ChatGPT login from $CODEX_HOME/auth.json';
  if (backend.login !== null) return `${backend.login} CLI's own login (${describeCredentialPlaces(backend.login)})`;
  return backend.auth ? `key from $${backend.auth.env}` : 'client credentials';
}

function renderTable(table: RoutingTable): string {
  const lines = ['Routes (first match wins):'];
  for (const route of table.routes)
    lines.push(
      `  ${route.name}: -> ${route.backend.name}${route.rewriteModel ? ` (model ${route.rewriteModel})` : ''}${route.subagent ? ` [subagent ${route.subagent}]` : ''}`,
    );
  lines.push(`  default: -> ${table.fallback.backend.name}`);
  if (table.failover) {
    const chain = table.failover.members.map(
      (member) => `${member.backend.name}${member.rewriteModel ? ` (model ${member.rewriteModel})` : ''}`,
    );
    const when =
      table.failover.atPct === null ? 'when it refuses for its window' : `when it refuses, or a bar reaches ${table.failover.atPct}%`;
    lines.push(`Failover (${when}; back at the reset): ${chain.join(' > ')}`);
    const quota = table.failover.quota;
    if (quota)
      lines.push(
        `  ${table.fallback.backend.name}'s bars also read from the ${quota.endpoint} quota endpoint every ${quota.everyMs / 1000} s (moves at ${table.failover.atPct ?? 100}%)`,
      );
  }
  lines.push('Back ends:');
  for (const backend of table.backends)
    lines.push(
      `  ${backend.name}: ${backend.origin}${backend.basePath} (provider ${backend.provider ?? 'from headers'}, ${describeCredentials(backend)})`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * Where and how the proxy serves, from its flags over its config file's: the routing table, host, port, auth token,
 * the stop's grace and the body limits. An unsafe host without a token is refused here, before anything starts.
 */
function readServeSettings(command: Command, flags: ProxyFlags, catalog: ProviderCatalog) {
  const fileConfig = flags.config ? loadProxyConfig(flags.config) : ProxyConfigSchema.parse({});
  const config = readFailoverFlags(
    {
      ...fileConfig,
      backends: { ...fileConfig.backends, ...Object.fromEntries(flags.backend.map((value, i) => parseBackendFlag(catalog, value, i))) },
    },
    flags,
    catalog,
  );
  const table = buildTable(config, flags, catalog);
  const portFlag = command.getOptionValueSource('port') === 'default' && config.port !== undefined ? String(config.port) : flags.port;
  const host = command.getOptionValueSource('host') === 'default' && config.host ? config.host : (flags.host ?? '127.0.0.1');
  const port = parsePort(portFlag ?? '8787', '--port');
  const authToken = flags.authToken ?? (process.env.TRACKER_PROXY_AUTH_TOKEN || null);
  assertSafeHost(host, authToken);
  const graceMs = parseNonNegativeInt(flags.graceMs, '--grace-ms');
  const limits = resolveProxyLimits(
    process.env,
    readLimitFlags(
      (flag) => command.getOptionValue(command.options.find((option) => option.long === flag)?.attributeName() ?? '') as string | undefined,
    ),
  );
  return { table, host, port, authToken, graceMs, limits };
}

/** One proxied request on one line, for --verbose. */
function describeTelemetryRow(row: TelemetryRow): string {
  const error = row.error_type ? ` ${row.error_type}` : '';
  return `${row.timestamp} ${row.status} ${row.route}->${row.backend_provider} ${row.model ?? '-'} in=${row.prompt_tokens ?? '-'} out=${row.completion_tokens ?? '-'} ${row.latency_ms}ms${error}\n`;
}
