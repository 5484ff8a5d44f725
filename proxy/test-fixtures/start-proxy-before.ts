// Tests' proxy in front of one upstream: the default routing table, agent `main`, rows flushed every 10 ms.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { ProxyOptions, RunningProxy } from '../server/proxy-options.js';
import { startProxy } from '../server/start-proxy.js';

/** Starts a proxy in front of `upstreamUrl` writing to `dataDir`; `extra` adds budgets, transcripts, a telemetry tap. */
export function startProxyBefore(upstreamUrl: string, dataDir: string, extra: Partial<ProxyOptions> = {}): Promise<RunningProxy> {
  return startProxy({
    table: buildRoutingTable(ProxyConfigSchema.parse({}), [], upstreamUrl, {}, BUILT_IN_CATALOG),
    dataDir,
    agentId: 'main',
    env: {},
    flushMs: 10,
    ...extra,
  });
}
