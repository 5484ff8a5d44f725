// `tracker metrics`' exposition of a fixture data dir: its values are the ledger's sums, its labels bounded and escaped.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRows, LEDGER_FILES, readUsageInputs, stampRow } from '../ledger/index.js';
import { buildUsageTable } from '../reports/index.js';
import { resolvePackagePath } from '../kernel/index.js';
import { createMetricsExposer, FAMILIES, METRIC_PREFIX } from './metrics-registry.js';
import { createLedgerMetricsReader } from './read-ledger-metrics.js';
import { loadPriceFile } from './load-price-file.js';
import { loadProviderCatalog } from './load-provider-catalog.js';
import { CLAUDE_ACCOUNT, writeMetricsLedger } from './test-fixtures/write-metrics-ledger.js';

const DAY = '2026-11-24';
const NOW = new Date('2026-11-24T12:00:00.000Z');
const RESETS = '2026-11-24T15:00:00.000Z';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of an exposition (either format): `name{a="b",...} value` lines, label values unescaped. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1] as string] = (pair[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
  dirs.push(dir);
  writeMetricsLedger(dir, DAY, RESETS);
  return dir;
}

function sum(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((one) => one.name === name && Object.entries(where).every(([key, value]) => one.labels[key] === value))
    .reduce((total, one) => total + one.value, 0);
}

async function scrape(
  dir: string,
  options: { max?: number; format?: 'openmetrics' | 'prometheus'; now?: () => Date; cacheMs?: number } = {},
) {
  const reader = createLedgerMetricsReader(dir, {
    timeZone: 'UTC',
    maxLabelValues: options.max ?? 20,
    cacheMs: options.cacheMs ?? 0,
    now: options.now ?? (() => NOW),
  });
  const exposer = createMetricsExposer(() => reader.read());
  return { exposer, ...(await exposer.expose(options.format ?? 'prometheus')) };
}

describe('tracker metrics exposition', () => {
  it("counts each provider's tokens and dollars as tracker usage does, by kind, model and project", async () => {
    const dir = makeDataDir();
    const samples = parseExposition((await scrape(dir)).body);
    const prices = loadPriceFile(loadProviderCatalog(dir), undefined);
    const table = buildUsageTable({ ...readUsageInputs(dir), prices }, 'day', 'UTC');
    for (const provider of ['claude', 'codex', 'glm']) {
      const rows = table.filter((row) => row.provider === provider);
      expect(rows.length, provider).toBeGreaterThan(0);
      expect(sum(samples, 'agent_tracker_tokens_total', { provider }), provider).toBe(rows.reduce((total, row) => total + row.total, 0));
      const usd = rows.reduce((total, row) => total + (row.usd ?? 0), 0);
      expect(sum(samples, 'agent_tracker_cost_dollars_total', { provider }), provider).toBeCloseTo(usd, 9);
    }
    // By hand: three answered requests of 1,000 input, 200 output and 500 cache-read tokens; the 429s count none.
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'claude', kind: 'input' })).toBe(3000);
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'claude', kind: 'output' })).toBe(600);
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'claude', kind: 'cache_read' })).toBe(1500);
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'claude', project: 'unknown', model: 'claude-sonnet-4-5' })).toBe(5100);
    // Codex's rollouts: input without its cached part; each project under its folder's name, never its path.
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'codex', project: 'widget' })).toBe(10_000);
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'codex', project: 'we"ird\nname' })).toBe(4000);
    expect(sum(samples, 'agent_tracker_tokens_total', { provider: 'codex', kind: 'input' })).toBe(5600);
  });

  it('shows the bars of their current period, the limit hits and the failover moves; no path, no e-mail', async () => {
    const dir = makeDataDir();
    const { body } = await scrape(dir);
    const samples = parseExposition(body);
    const bar = { provider: 'claude', account: 'claude', bar: 'five_hour' };
    expect(sum(samples, 'agent_tracker_bar_used_ratio', bar)).toBeCloseTo(0.42, 12);
    expect(sum(samples, 'agent_tracker_bar_resets_timestamp_seconds', bar)).toBe(Date.parse(RESETS) / 1000);
    // The weekly bar's period reset long ago: when it was read is shown, not a percentage of a period gone.
    expect(samples.filter((one) => one.name === 'agent_tracker_bar_used_ratio' && one.labels.bar === 'weekly')).toEqual([]);
    expect(sum(samples, 'agent_tracker_bar_reading_timestamp_seconds', { bar: 'weekly' })).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(sum(samples, 'agent_tracker_limit_hits_total', { provider: 'claude' })).toBe(1);
    expect(sum(samples, 'agent_tracker_failover_moves_total', { from: 'claude', to: 'glm', reason: 'rejected' })).toBe(1);
    expect(body).not.toContain('/home/alice');
    expect(body).not.toContain('@example');
    expect(body).toContain('project="we\\"ird\\nname"');
  });

  it('labels accounts by fingerprint where a provider has two, and keeps label values few', async () => {
    const dir = makeDataDir();
    appendRows(
      dir,
      LEDGER_FILES.snapshots,
      [
        stampRow({ agentId: 'main', source: 'ingest' }, 'reading', {
          provider: 'claude',
          captured_at: `${DAY}T11:30:00.000Z`,
          format: 'quota-claude',
          bars: { five_hour: { used_pct: 7, resets_at: RESETS } },
          account: 'acct-cccccccccc',
        }),
      ],
      { agentId: 'main', source: 'ingest' },
    );
    const samples = parseExposition((await scrape(dir, { max: 1 })).body);
    const accounts = new Set(samples.filter((one) => one.labels.provider === 'claude').map((one) => one.labels.account));
    expect(accounts).toEqual(new Set([`claude@${CLAUDE_ACCOUNT}`, 'claude@acct-cccccccccc']));
    const projects = new Set(samples.filter((one) => one.name === 'agent_tracker_tokens_total').map((one) => one.labels.project));
    expect(projects).toEqual(new Set(['widget', 'other', 'unknown']));
    const models = new Set(samples.filter((one) => one.name === 'agent_tracker_tokens_total').map((one) => one.labels.model));
    expect(models).toEqual(new Set(['gpt-5-codex', 'other']));
    expect(sum(samples, 'agent_tracker_tokens_total', { project: 'other' })).toBe(4000);
  });

  it('writes OpenMetrics when asked: counters typed without _total, samples with it, ending in # EOF', async () => {
    const dir = makeDataDir();
    const { body, contentType } = await scrape(dir, { format: 'openmetrics' });
    expect(contentType).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(body).toContain('# TYPE agent_tracker_tokens counter\n');
    expect(body.endsWith('# EOF\n')).toBe(true);
    expect(sum(parseExposition(body), 'agent_tracker_tokens_total')).toBe(5100 + 330 + 14_000);
    // The other format after it still names the counter with _total (prom-client renames an OpenMetrics registry's).
    const { exposer } = await scrape(dir);
    await exposer.expose('openmetrics');
    const text = await exposer.expose('prometheus');
    expect(text.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text.body).toContain('# TYPE agent_tracker_tokens_total counter\n');
  });

  it('reads the ledger again only once the cache has aged', async () => {
    const dir = makeDataDir();
    let now = NOW;
    const { exposer } = await scrape(dir, { now: () => now, cacheMs: 5000 });
    appendRows(
      dir,
      LEDGER_FILES.proxyTelemetry,
      [
        stampRow({ agentId: 'main', source: 'proxy' }, 'proxy-request', {
          timestamp: `${DAY}T10:30:00.000Z`,
          session_id: null,
          subagent_id: null,
          backend_provider: 'glm',
          model: 'glm-4.6',
          prompt_tokens: 70,
          completion_tokens: 0,
          latency_ms: 1,
          status: 200,
          trace_id: 'proxy_late',
        }),
      ],
      { agentId: 'main', source: 'proxy' },
    );
    now = new Date(NOW.getTime() + 4000);
    expect(sum(parseExposition((await exposer.expose('prometheus')).body), 'agent_tracker_tokens_total', { provider: 'glm' })).toBe(330);
    now = new Date(NOW.getTime() + 5000);
    expect(sum(parseExposition((await exposer.expose('prometheus')).body), 'agent_tracker_tokens_total', { provider: 'glm' })).toBe(400);
  });
});

describe('the Grafana dashboard', () => {
  it('asks only for metrics tracker metrics serves', () => {
    const text = readFileSync(resolvePackagePath('docs/grafana/agent-tracker.json'), 'utf8');
    const asked = new Set([...text.matchAll(/agent_tracker_[a-z_]+/g)].map((match) => match[0]));
    const served = new Set(FAMILIES.map((family) => `${METRIC_PREFIX}${family.name}`));
    expect(asked.size).toBeGreaterThan(8);
    expect([...asked].filter((name) => !served.has(name))).toEqual([]);
  });
});
