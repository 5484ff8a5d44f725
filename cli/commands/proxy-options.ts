// `tracker proxy`'s options and help text: where it listens, its routes and back ends, failover, limits.
import { Command } from 'commander';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { DEFAULT_PROXY_LIMITS, LIMIT_ENV, LIMIT_FLAG, listPresetNames, type ProxyLimits } from '../../proxy/index.js';
import { QUOTA_KINDS } from '../../sources/quota/index.js';

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

export interface ProxyFlags {
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

/** The command with its own options (the budget and secret options are added by the caller); no action yet. */
export function createProxyOptions(): Command {
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
  command.addHelpText(
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
  );
  return command;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
