// What `tracker proxy --check` prints: the routing table, the failover chain, the back ends and the limits.
import { PROFILE_LOGINS } from '../../ledger/vocabulary/index.js';
import { LIMIT_FLAG, type ProxyLimits, type RoutingTable } from '../../proxy/index.js';
import { describeCredentialPlaces } from '../../sources/quota/index.js';

/** The table as --json gives it. */
export function describeTable(table: RoutingTable) {
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

export function renderLimits(limits: ProxyLimits): string {
  const lines = (Object.keys(LIMIT_FLAG) as (keyof ProxyLimits)[]).map((key) => `  ${LIMIT_FLAG[key].slice(2)}: ${limits[key]}`);
  return `Limits:\n${lines.join('\n')}\n`;
}

function describeCredentials(backend: RoutingTable['backends'][number]): string {
  if (backend.login === PROFILE_LOGINS.chatgpt) return 'ChatGPT login from $CODEX_HOME/auth.json';
  if (backend.login !== null) return `${backend.login} CLI's own login (${describeCredentialPlaces(backend.login)})`;
  return backend.auth ? `key from $${backend.auth.env}` : 'client credentials';
}

export function renderTable(table: RoutingTable): string {
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
