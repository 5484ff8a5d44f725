// Reads `--failover`, `--failover-at` and `--failover-quota` over the config file's failover chain.
import { AppError } from '../kernel/index.js';
import { QUOTA_KINDS, type ProviderCatalog, type QuotaKind } from '../ledger/vocabulary/index.js';
import { parseFailoverFlag, type ProxyConfig } from '../proxy/index.js';

export interface FailoverFlags {
  failover: string[];
  failoverAt?: string;
  failoverQuota?: string;
}

/**
 * The chain from `--failover` flags replaces the file's (and `--failover-at` its threshold, `--failover-quota` its
 * quota endpoint): one chain, the one the command line shows. Each flag's errors name it (`--failover #2`).
 */
export function readFailoverFlags(config: ProxyConfig, flags: FailoverFlags, catalog: ProviderCatalog): ProxyConfig {
  const atPct = flags.failoverAt === undefined ? undefined : parsePercent(flags.failoverAt);
  const quota = flags.failoverQuota === undefined ? undefined : parseQuotaFlag(flags.failoverQuota);
  const overrides = { ...(atPct === undefined ? {} : { at_pct: atPct }), ...(quota === undefined ? {} : { quota }) };
  if (flags.failover.length === 0) {
    if (atPct === undefined && quota === undefined) return config;
    if (!config.failover)
      throw new AppError('BAD_USAGE', 'there is no chain to move along: add --failover TARGET (or failover in the config)', {
        where: atPct === undefined ? '--failover-quota' : '--failover-at',
      });
    return { ...config, failover: { ...config.failover, ...overrides } };
  }
  const parsed = flags.failover.map((value, i) => parseFailoverFlag(value, i, config.backends, catalog));
  const backends = { ...config.backends, ...Object.fromEntries(parsed.flatMap((flag) => (flag.backend ? [flag.backend] : []))) };
  const chain = parsed.map((flag) => flag.entry);
  const where = parsed.map((_, i) => `--failover #${i + 1}`);
  const threshold = atPct ?? config.failover?.at_pct;
  const endpoint = quota ?? config.failover?.quota;
  return {
    ...config,
    backends,
    failover: {
      chain,
      where,
      ...(threshold === undefined ? {} : { at_pct: threshold }),
      ...(endpoint === undefined ? {} : { quota: endpoint }),
    } as ProxyConfig['failover'],
  };
}

function parsePercent(value: string): number {
  const pct = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || pct <= 0 || pct > 100)
    throw new AppError('BAD_USAGE', `expected a percent above 0 and at most 100, got ${JSON.stringify(value)}`, { where: '--failover-at' });
  return pct;
}

/** `ENDPOINT[,every=SECONDS]`: which quota endpoint, read how often (1 to 3600 s, default 60). */
function parseQuotaFlag(value: string): { endpoint: QuotaKind; every_s: number } {
  const [endpoint, ...options] = value.split(',').map((part) => part.trim());
  if (!(QUOTA_KINDS as readonly string[]).includes(endpoint ?? ''))
    throw new AppError('BAD_USAGE', `expected one of ${QUOTA_KINDS.join(', ')}, got ${JSON.stringify(endpoint ?? '')}`, {
      where: '--failover-quota',
    });
  let every = 60;
  for (const option of options) {
    const seconds = /^every=(\d+(?:\.\d+)?)$/.exec(option)?.[1];
    if (seconds === undefined || Number(seconds) < 1 || Number(seconds) > 3600)
      throw new AppError('BAD_USAGE', `expected every=SECONDS (1 to 3600) after the endpoint, got ${JSON.stringify(option)}`, {
        where: '--failover-quota',
      });
    every = Number(seconds);
  }
  return { endpoint: endpoint as QuotaKind, every_s: every };
}
