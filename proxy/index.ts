// Public API of the proxy: configuration, routing table, the server, and the scripted model server.
export { ProxyConfigSchema, type ProxyConfig, type RouteConfig, type BackendConfig } from './config/proxy-config-schema.js';
export { findPreset, listPresetNames } from './config/presets.js';
export { loadProxyConfig, parseProxyConfig } from './config/load-proxy-config.js';
export { parseBackendFlag, parseRouteFlag } from './config/parse-route-flag.js';
export { parseFailoverFlag } from './config/parse-failover-flag.js';
export type { FailoverPlan } from './config/resolve-failover.js';
export { FailoverChain, type FailoverEvent } from './failover/failover-chain.js';
export { watchRefusal } from './failover/watch-refusal.js';
export { buildRoutingTable, pickRoute, type Backend, type Route, type RoutingTable } from './config/build-routing-table.js';
export type { ProxyOptions, RunningProxy } from './server/proxy-options.js';
export { startProxy } from './server/start-proxy.js';
export { PINNED_HEADERS, type ArmBaseUrl } from './server/arm-paths.js';
export { keepStartPath, type KeptStartPath } from './server/keep-start-path.js';
export { describeWrongStartPath, describeWrongToken, stripStartPath } from './server/start-path.js';
export { readRefusals, resolveRefusalFile, type RefusalState } from './server/record-refusals.js';
export {
  DEFAULT_PROXY_LIMITS,
  LIMIT_ENV,
  LIMIT_FLAG,
  readLimitFlags,
  resolveProxyLimits,
  type ProxyLimits,
} from './server/proxy-limits.js';
