// `tracker metrics`' metric families in prom-client: each family filled at scrape time from the ledger's read (collect()).
import { Counter, Gauge, Registry, type RegistryContentType } from 'prom-client';
import type { LedgerMetrics, MetricSample } from '../reports/index.js';
import type { MetricsRead } from './read-ledger-metrics.js';

/** Every name starts with this (Prometheus' naming conventions: a prefix of the application's name). */
export const METRIC_PREFIX = 'agent_tracker_';

interface Family {
  /** After the prefix; a counter's ends in `_total`, a unit's name comes before it (seconds, dollars, ratio). */
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labels: readonly string[];
  samples: (read: MetricsRead) => MetricSample[];
}

const ACCOUNT = ['provider', 'account'] as const;
const metric = (key: keyof Omit<LedgerMetrics, 'skipped_lines'>) => (read: MetricsRead) => read.metrics[key];

// HELP texts hold no backslash or double quote: prom-client escapes neither in HELP, which OpenMetrics requires.
export const FAMILIES: readonly Family[] = [
  {
    name: 'tokens_total',
    help: 'Tokens the ledger counts (each once, as tracker usage does), by kind: input, output, cache_read, cache_creation, unsplit.',
    type: 'counter',
    labels: [...ACCOUNT, 'model', 'project', 'kind'],
    samples: metric('tokens'),
  },
  {
    name: 'cost_dollars_total',
    help: 'List-price dollars of the counted tokens a price applies to (unpriced ones are in agent_tracker_unpriced_tokens_total).',
    type: 'counter',
    labels: [...ACCOUNT, 'model', 'project'],
    samples: metric('cost_dollars'),
  },
  {
    name: 'unpriced_tokens_total',
    help: 'Counted tokens no list price applies to: their dollars are unknown, not zero.',
    type: 'counter',
    labels: [...ACCOUNT, 'model'],
    samples: metric('unpriced_tokens'),
  },
  {
    name: 'bar_used_ratio',
    help: 'The last reading of a subscription bar in its current period, 0 to 1 (absent once the period has reset).',
    type: 'gauge',
    labels: [...ACCOUNT, 'bar'],
    samples: metric('bar_used_ratio'),
  },
  {
    name: 'bar_resets_timestamp_seconds',
    help: 'When the bar resets, in Unix seconds.',
    type: 'gauge',
    labels: [...ACCOUNT, 'bar'],
    samples: metric('bar_resets_timestamp_seconds'),
  },
  {
    name: 'bar_reading_timestamp_seconds',
    help: 'When the bar was last read, in Unix seconds.',
    type: 'gauge',
    labels: [...ACCOUNT, 'bar'],
    samples: metric('bar_reading_timestamp_seconds'),
  },
  {
    name: 'limit_hits_total',
    help: 'Requests a rate limit refused (429 through tracker proxy), a client retry of one counted once.',
    type: 'counter',
    labels: ACCOUNT,
    samples: metric('limit_hits'),
  },
  {
    name: 'failover_moves_total',
    help: 'Requests the proxy failover chain moved from a spent subscription to the next, by why: rejected or threshold.',
    type: 'counter',
    labels: ['from', 'to', 'reason'],
    samples: metric('failover_moves'),
  },
  {
    name: 'experiment_arms',
    help: 'Arms of each recent experiment plan by state: done, open, pending.',
    type: 'gauge',
    labels: ['plan', 'state'],
    samples: metric('experiment_arms'),
  },
  {
    name: 'experiment_state',
    help: '1 for the state each recent experiment plan is in (running, stopped, complete, interrupted, ...).',
    type: 'gauge',
    labels: ['plan', 'state'],
    samples: metric('experiment_state'),
  },
  {
    name: 'ledger_read_seconds',
    help: 'How long the last read of the ledger took.',
    type: 'gauge',
    labels: [],
    samples: (read) => [{ labels: {}, value: read.seconds }],
  },
  {
    name: 'ledger_read_timestamp_seconds',
    help: 'When the ledger was last read, in Unix seconds (reads are kept a few seconds: --cache-seconds).',
    type: 'gauge',
    labels: [],
    samples: (read) => [{ labels: {}, value: read.at.getTime() / 1000 }],
  },
  {
    name: 'ledger_skipped_lines',
    help: 'Ledger lines the last read could not use (tracker usage names them).',
    type: 'gauge',
    labels: [],
    samples: (read) => [{ labels: {}, value: read.metrics.skipped_lines }],
  },
];

/**
 * A registry of every family for one exposition format. prom-client renames a counter (it drops `_total`) when its
 * registry writes OpenMetrics (lib/registry.js, standardizeCounterName), so one set of metric objects cannot serve
 * both formats: each format gets its own. `current` is the read the scrape asked for; every family takes it from there,
 * so one exposition is one read.
 */
export function createMetricsRegistry(format: 'openmetrics' | 'prometheus', current: () => MetricsRead): Registry<RegistryContentType> {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(format === 'openmetrics' ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE);
  for (const family of FAMILIES) {
    const options = { name: `${METRIC_PREFIX}${family.name}`, help: family.help, labelNames: family.labels, registers: [registry] };
    if (family.type === 'counter')
      new Counter({
        ...options,
        collect() {
          this.reset();
          for (const sample of family.samples(current())) this.inc(sample.labels, sample.value);
        },
      });
    else
      new Gauge({
        ...options,
        collect() {
          this.reset();
          for (const sample of family.samples(current())) this.set(sample.labels, sample.value);
        },
      });
  }
  return registry;
}

/** An exposition of the ledger now (or of its read kept from a moment ago) in `format`. */
export interface MetricsExposer {
  expose(format: 'openmetrics' | 'prometheus'): Promise<{ contentType: string; body: string }>;
}

export function createMetricsExposer(read: () => MetricsRead): MetricsExposer {
  let current: MetricsRead | null = null;
  const take = (): MetricsRead => {
    if (current === null) throw new Error('a scrape reads the ledger before its families are collected');
    return current;
  };
  const registries = { openmetrics: createMetricsRegistry('openmetrics', take), prometheus: createMetricsRegistry('prometheus', take) };
  return {
    async expose(format) {
      current = read();
      const registry = registries[format];
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
