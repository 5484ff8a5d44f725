// Where and how `tracker proxy` serves: its flags over its config file's, checked before anything starts.
import type { Command } from 'commander';
import { AppError, assertSafeHost, isAppError } from '../../kernel/index.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import {
  buildRoutingTable,
  loadProxyConfig,
  type ProxyConfig,
  ProxyConfigSchema,
  parseBackendFlag,
  parseRouteFlag,
  readLimitFlags,
  resolveProxyLimits,
  type RoutingTable,
} from '../../proxy/index.js';
import { readFailoverFlags } from '../read-failover-flags.js';
import type { ProxyFlags } from './proxy-options.js';
import { parsePort } from './serve-until-signal.js';

/**
 * Where and how the proxy serves, from its flags over its config file's: the routing table, host, port, auth token,
 * the stop's grace and the body limits. An unsafe host without a token is refused here, before anything starts.
 */
export function readServeSettings(command: Command, flags: ProxyFlags, catalog: ProviderCatalog) {
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
