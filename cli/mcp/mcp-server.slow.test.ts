// `tracker mcp` through the SDK's own client: its tools answer what the CLI's --json says for the same data dir, bounded and escaped.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer } from './create-mcp-server.js';
import { writeMonthOfUse } from './test-fixtures/write-month-of-use.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NOW = new Date('2026-10-31T12:30:00Z');
let dataDir = '';
let client: Client;
const cli: Record<string, Record<string, unknown>> = {};
/** The data dir's files with their sizes and times, after the CLI's runs: the tools must leave it so. */
let before: string[] = [];
const listFiles = (): string[] =>
  readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).map((name) => {
    const stat = statSync(join(dataDir, name));
    return `${name} ${stat.size} ${stat.mtimeMs}`;
  });

/** `tracker ARGS --json` (or `experiment`) on the data dir, as the bin runs it: the build, as the slow tier's other CLI tests (npm test builds first). */
async function runJson(bin: 'tracker' | 'experiment', args: string[]): Promise<Record<string, unknown>> {
  const run = await execa(process.execPath, [join(ROOT, `dist/cli/${bin}.js`), ...args, '--data-dir', dataDir, '--json'], {
    cwd: ROOT,
    env: { TZ: 'UTC' },
  });
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** A tool's answer: its structured content, or the error line. */
async function call(name: string, args: Record<string, unknown> = {}): Promise<{ error: string | null; value: Record<string, unknown> }> {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { type: string; text: string }[];
    structuredContent?: Record<string, unknown>;
  };
  if (result.isError) return { error: result.content[0]?.text ?? '', value: {} };
  expect(JSON.parse(result.content[0]?.text ?? '')).toEqual(result.structuredContent);
  return { error: null, value: result.structuredContent ?? {} };
}

beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'mcp-')), 'data');
  writeMonthOfUse(dataDir, { hostile: true });
  await execa(
    process.execPath,
    [join(ROOT, 'dist/cli/experiment.js'), 'plan', '--seed', 'mcp', '--providers', 'claude,codex', '--record', '--data-dir', dataDir],
    { cwd: ROOT },
  );
  const runs = {
    daily: () => runJson('tracker', ['usage', '--since', '2026-10-06', '--until', '2026-10-12']),
    sessions: () => runJson('tracker', ['usage', 'session']),
    plans: () => runJson('tracker', ['plans', '--plan', 'claude=claude-pro', '--until', NOW.toISOString()]),
    report: () => runJson('experiment', ['report', '--no-charts', '--out', join(dataDir, '..', 'report.md')]),
  };
  // Two at a time: the machine's two cores.
  for (const pair of [
    ['daily', 'sessions'],
    ['plans', 'report'],
  ] as const)
    await Promise.all(pair.map(async (name) => (cli[name] = await runs[name]())));
  before = listFiles();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(dataDir, () => NOW).connect(serverSide);
  client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
});

afterAll(async () => {
  await client?.close();
});

describe('tracker mcp, through the SDK client', () => {
  it('lists four read-only tools, each with an input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['bars', 'experiment_verdict', 'plans', 'usage']);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      expect(tool.inputSchema.type).toBe('object');
    }
  });

  it('usage by day and by session gives the rows of tracker usage --json; by account adds them up', async () => {
    const daily = await call('usage', { since: '2026-10-06', until: '2026-10-12', limit: 200 });
    expect(daily.error).toBeNull();
    expect(daily.value.rows).toEqual(cli.daily?.rows);
    expect(daily.value.truncated).toBe(false);
    const sessions = await call('usage', { by: 'session', limit: 200 });
    expect(sessions.value.rows).toEqual((cli.sessions?.rows as unknown[]).map((row) => escapeRow(row)));
    const account = await call('usage', { by: 'account', since: '2026-10-06', until: '2026-10-12' });
    const rows = cli.daily?.rows as { total: number }[];
    expect(account.value.rows).toEqual([
      expect.objectContaining({
        provider: 'claude',
        total: rows.reduce((sum, row) => sum + row.total, 0),
        days: 7,
        models: ['claude-haiku-4-5', 'claude-sonnet-4-5'],
      }),
    ]);
    // 7 days x 52,500 tokens.
    expect((account.value.rows as { total: number }[])[0]?.total).toBe(367_500);
  });

  it('bounds an answer to its limit, the latest rows kept, and says it was cut', async () => {
    const sessions = await call('usage', { by: 'session', limit: 3 });
    const all = cli.sessions?.rows as unknown[];
    expect(sessions.value).toMatchObject({ truncated: true, rows_total: all.length });
    expect(sessions.value.rows).toEqual(all.slice(-3).map((row) => escapeRow(row)));
  });

  it("escapes a ledger's terminal controls: the session id reaches the client as visible escapes", async () => {
    const { value } = await call('usage', { by: 'session', limit: 200 });
    const text = JSON.stringify(value);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('sess-\\\\x1b]0;pwned\\\\x07-3');
  });

  it("bars gives each account's bars and headroom in tasks, as tracker plans --json reckons them", async () => {
    const { error, value } = await call('bars', { at: NOW.toISOString() });
    expect(error).toBeNull();
    expect(value.accounts).toEqual(cli.plans?.headroom);
    expect((value.accounts as { bars: { used_pct: number }[] }[])[0]?.bars.map((bar) => bar.used_pct)).toEqual([42, 60]);
  });

  it('plans summarizes the advice of tracker plans --json', async () => {
    const { error, value } = await call('plans', { plans: ['claude=claude-pro'], until: NOW.toISOString() });
    expect(error).toBeNull();
    const advice = cli.plans as { days: number; cheapest_covering: { plans: string[]; usd_per_month: number }; portfolios: unknown[] };
    expect(value).toMatchObject({
      days: advice.days,
      portfolios_total: advice.portfolios.length,
      accounts: [{ provider: 'claude', held: 'claude-pro' }],
    });
    expect(value.cheapest_covering).toMatchObject({
      plans: advice.cheapest_covering.plans,
      usd_per_month: advice.cheapest_covering.usd_per_month,
    });
  });

  it("experiment_verdict gives experiment report --json's verdict, decision and plan, by default and by id, and writes nothing", async () => {
    const report = cli.report as { verdict: string; decision: unknown; analysis: { plan_id: string } };
    const latest = await call('experiment_verdict');
    expect(latest.error).toBeNull();
    expect(latest.value).toMatchObject({ plan_id: report.analysis.plan_id, verdict: report.verdict, decision: report.decision });
    const named = await call('experiment_verdict', { plan_id: report.analysis.plan_id });
    expect(named.value.verdict).toBe(report.verdict);
  });

  it('refuses hostile requests with a clean error: an unknown tool, bad types, unknown or huge arguments, a path in a plan id', async () => {
    expect((await call('delete_ledger')).error).toMatch(/Tool delete_ledger not found/);
    expect((await call('usage', { by: 'year' })).error).toMatch(/Input validation error.*by/s);
    expect((await call('usage', { limit: 'all' })).error).toMatch(/Input validation error.*limit/s);
    expect((await call('usage', { limit: 100_000 })).error).toMatch(/Input validation error.*limit/s);
    expect((await call('usage', { extra: 'x'.repeat(100_000) })).error).toMatch(/Input validation error.*extra/s);
    expect((await call('usage', { providers: Array.from({ length: 500 }, () => 'claude') })).error).toMatch(
      /more than the maximum of 100 elements/,
    );
    expect((await call('usage', { since: '2026-02-30' })).error).toMatch(/^since: expected a date such as 2026-11-24/);
    expect((await call('usage', { providers: ['nosuch'] })).error).toMatch(/^providers: /);
    expect((await call('experiment_verdict', { plan_id: '../../etc/passwd' })).error).toMatch(/Input validation error.*plan_id/s);
    expect((await call('experiment_verdict', { plan_id: 'plan-000000000000' })).error).toMatch(
      /^--plan: no plan "plan-000000000000" in this data/,
    );
    expect((await call('bars', { at: 'yesterday' })).error).toMatch(/Input validation error.*at/s);
  });

  it('wrote nothing into the data dir, whatever was called (the CLI keeps a headroom basis and a report; the tools do not)', () => {
    expect(listFiles()).toEqual(before);
  });
});

describe('tracker mcp over stdio', () => {
  it('answers the SDK client that starts it, on the data dir it names', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, 'dist/cli/tracker.js'), 'mcp', '--data-dir', dataDir],
      cwd: ROOT,
      env: { TZ: 'UTC', PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    const stdio = new Client({ name: 'test', version: '1' });
    await stdio.connect(transport);
    try {
      const result = (await stdio.callTool({ name: 'usage', arguments: { since: '2026-10-06', until: '2026-10-12', limit: 200 } })) as {
        structuredContent: Record<string, unknown>;
      };
      expect(result.structuredContent.rows).toEqual(cli.daily?.rows);
    } finally {
      await stdio.close();
    }
  });
});

/** A row as the tool sends it: its strings' controls escaped as the kernel escapes them. */
function escapeRow(row: unknown): unknown {
  return JSON.parse(JSON.stringify(row).replaceAll('\\u001b', '\\\\x1b').replaceAll('\\u0007', '\\\\x07'));
}
