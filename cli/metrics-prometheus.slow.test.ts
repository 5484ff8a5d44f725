// A real Prometheus (Debian's package) scrapes `tracker metrics` every second: its query API returns what the ledger holds.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowSkip, resolvePackagePath } from '../kernel/index.js';
import { readUsageInputs } from '../ledger/index.js';
import { buildUsageTable } from '../reports/index.js';
import { writeMetricsLedger } from './test-fixtures/write-metrics-ledger.js';
import { loadPriceFile } from './load-price-file.js';
import { loadProviderCatalog } from './load-provider-catalog.js';

const TRACKER = resolvePackagePath('dist/cli/tracker.js');
const TOKEN = 'scrape-token-for-the-test';

function explainNoPrometheus(): string | null {
  try {
    execFileSync('prometheus', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'prometheus not found (apt-get install prometheus)';
  }
}
const noPrometheus = allowSkip(explainNoPrometheus());

/** A port nothing listens on now (Prometheus takes its listen address as a flag and cannot print the one it chose). */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the first stdout line matching `pattern` (the child's stderr is kept to explain a failure). */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${errors}`)));
  });
}

interface Series {
  metric: Record<string, string>;
  value: [number, string];
}

/** Asks Prometheus' query API until the answer holds `want` series: the scrapes come each second. */
async function query(port: number, promql: string, want: (series: Series[]) => boolean, exited: Promise<never>): Promise<Series[]> {
  return Promise.race([poll(port, promql, want), exited]);
}

async function poll(port: number, promql: string, want: (series: Series[]) => boolean): Promise<Series[]> {
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(() => null);
    if (response?.ok) {
      const answer = (await response.json()) as { data: { result: Series[] } };
      if (want(answer.data.result)) return answer.data.result;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(noPrometheus !== null)('tracker metrics scraped by Prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-prometheus-'));
  const dataDir = join(dir, 'data');
  const children: ChildProcess[] = [];
  let prometheusPort = 0;
  let exited: Promise<never> = new Promise(() => undefined);

  beforeAll(async () => {
    const now = Date.now();
    // Yesterday's requests, and a bar read an hour ago: every row is before the scrape's now.
    writeMetricsLedger(dataDir, new Date(now - 86_400_000).toISOString().slice(0, 10), new Date(now + 3 * 3_600_000).toISOString());
    const tracker = spawn(
      process.execPath,
      [TRACKER, '--data-dir', dataDir, 'metrics', '--listen', '127.0.0.1:0', '--auth-token', TOKEN, '--tz', 'UTC', '--cache-seconds', '1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(tracker);
    const target = (await waitForLine(tracker, /serving http:\/\/(127\.0\.0\.1:\d+)\/metrics/))[1];
    prometheusPort = await findFreePort();
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s, scrape_timeout: 1s }',
        'scrape_configs:',
        '  - job_name: tracker',
        `    authorization: { credentials: ${TOKEN} }`,
        `    static_configs: [{ targets: ['${target}'] }]`,
        '',
      ].join('\n'),
    );
    const prometheus = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${prometheusPort}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.push(prometheus);
    // A Prometheus that cannot start (a taken port, a config it refuses) ends the test with its words, not a wait forever.
    let said = '';
    prometheus.stderr?.on('data', (chunk: Buffer) => {
      said = `${said}${chunk.toString()}`.slice(-4000);
    });
    exited = new Promise((_, reject) => prometheus.once('exit', (code) => reject(new Error(`prometheus exited with ${code}: ${said}`))));
    exited.catch(() => undefined);
  });

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns the ledger's tokens, bars, limit hits and failover moves, the odd project label intact", async () => {
    // The target is up (the token accepted, the OpenMetrics it asked for parsed) and a scrape has landed.
    await query(prometheusPort, 'up{job="tracker"} == 1', (series) => series.length === 1, exited);
    const tokens = await query(prometheusPort, 'agent_tracker_tokens_total', (series) => series.length > 0, exited);
    const prices = loadPriceFile(loadProviderCatalog(dataDir), undefined);
    const table = buildUsageTable({ ...readUsageInputs(dataDir), prices }, 'day', 'UTC');
    for (const provider of ['claude', 'codex', 'glm']) {
      const scraped = tokens.filter((one) => one.metric.provider === provider).reduce((sum, one) => sum + Number(one.value[1]), 0);
      const ledger = table.filter((row) => row.provider === provider).reduce((sum, row) => sum + row.total, 0);
      expect(scraped, provider).toBe(ledger);
      expect(ledger, provider).toBeGreaterThan(0);
    }
    const odd = tokens.filter((one) => one.metric.project === 'we"ird\nname');
    expect(odd.reduce((sum, one) => sum + Number(one.value[1]), 0)).toBe(4000);
    const bars = await query(
      prometheusPort,
      'agent_tracker_bar_used_ratio{provider="claude",bar="five_hour"}',
      (s) => s.length === 1,
      exited,
    );
    expect(Number(bars[0]?.value[1])).toBeCloseTo(0.42, 12);
    const hits = await query(prometheusPort, 'agent_tracker_limit_hits_total', (series) => series.length === 1, exited);
    expect(hits[0]?.value[1]).toBe('1');
    const moves = await query(prometheusPort, 'agent_tracker_failover_moves_total', (series) => series.length === 1, exited);
    expect(moves[0]?.metric).toMatchObject({ from: 'claude', to: 'glm', reason: 'rejected' });
  });

  it('runs every query of the Grafana dashboard (docs/grafana/agent-tracker.json) without an error', async () => {
    await query(prometheusPort, 'agent_tracker_tokens_total', (series) => series.length > 0, exited);
    const dashboard = JSON.parse(readFileSync(resolvePackagePath('docs/grafana/agent-tracker.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    // Grafana's variables as it would fill them in.
    const fill = (expr: string) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$__range', '1h').replaceAll('$provider', '.*');
    for (const panel of dashboard.panels)
      for (const target of panel.targets) {
        const response = await fetch(`http://127.0.0.1:${prometheusPort}/api/v1/query?query=${encodeURIComponent(fill(target.expr))}`);
        expect(response.status, `${panel.title}: ${target.expr}`).toBe(200);
      }
  });
});
