// The capacity pages' answers: logins named by their e-mail beside `claude@acct-…`, and the failover chain's moves per day.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRows, LEDGER_FILES, stampRow } from '../ledger/index.js';
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import type { AccountNames } from '../reports/index.js';
import { answerCapacity } from './capacity-routes.js';
import type { LedgerWork } from './ledger-work.js';
import { buildUsageViews, type CapacityView, findBarsStart, readBarsView } from './read-capacity-view.js';
import { readViewLedger } from './read-view-ledger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MINE = 'acct-1a2b3c4d5e';
const OTHER = 'acct-9f8e7d6c5b';
const RESETS = '2026-11-20T15:00:00.000Z';

/** One proxied request; `moved` makes it one the failover chain moved from `anthropic`. */
function request(at: string, backend: string, account: string | null, moved?: 'rejected' | 'threshold') {
  return stampRow({ agentId: 'main', source: 'proxy' }, 'proxy-request', {
    timestamp: at,
    session_id: 's1',
    subagent_id: null,
    backend_provider: backend,
    model: backend === 'glm' ? 'glm-4.6' : 'claude-sonnet-4-5',
    prompt_tokens: 1000,
    completion_tokens: 100,
    latency_ms: 5,
    status: 200,
    trace_id: `proxy_${Math.random().toString(36).slice(2)}`,
    account,
    ...(moved
      ? { failover_from: 'anthropic', failover_reason: { trigger: moved, bar: 'five_hour', used_pct: 100, resets_at: RESETS } }
      : {}),
  });
}

/** Two Claude logins' requests, and four requests moved to glm over two days (three refused, one over the threshold). */
function writeLedger(): string {
  const dir = mkdtempSync(join(tmpdir(), 'capacity-routes-'));
  dirs.push(dir);
  const rows = [
    request('2026-11-19T09:00:00.000Z', 'anthropic', MINE),
    request('2026-11-19T09:05:00.000Z', 'anthropic', OTHER),
    request('2026-11-19T10:00:00.000Z', 'glm', null, 'rejected'),
    request('2026-11-20T11:00:00.000Z', 'glm', null, 'rejected'),
    request('2026-11-20T12:30:00.000Z', 'glm', null, 'rejected'),
    request('2026-11-20T13:00:00.000Z', 'glm', null, 'threshold'),
  ];
  appendRows(dir, LEDGER_FILES.proxyTelemetry, rows, { agentId: 'main', source: 'proxy' });
  return dir;
}

/** The capacity view as the reader builds it (compute-views.ts), held as the server holds its last reading. */
function holdView(dir: string): LedgerWork {
  const bars = readBarsView(dir);
  const read = readViewLedger(dir, BUILT_IN_CATALOG, 'UTC', findBarsStart(bars.all));
  const { prices: _prices, ...usage } = buildUsageViews(dir, BUILT_IN_CATALOG, read, bars.all);
  const view: CapacityView = { bars: bars.shown, ...usage };
  const done = async (): Promise<void> => {};
  return {
    current: { statuses: null, ledger: null, reports: null, capacity: { generation: 1, view }, error: null, busy: false },
    refresh: () => {},
    waitForStatuses: done,
    waitForLedger: done,
    waitForReports: done,
    waitForCapacity: done,
    stop: done,
  };
}

async function ask(dir: string, path: string, names?: AccountNames): Promise<Record<string, unknown>> {
  let answer: unknown = null;
  const ctx = { dataDir: dir, work: holdView(dir), generation: () => 1, now: () => new Date('2026-11-20T14:00:00Z'), accountNames: names };
  expect(await answerCapacity(ctx, path, new URLSearchParams('by=day'), (value) => (answer = value))).toBe(true);
  return answer as Record<string, unknown>;
}

describe('answerCapacity', () => {
  it('names each login the usage table shows by its e-mail, and no login it does not show', async () => {
    const dir = writeLedger();
    const names: AccountNames = new Map([
      [MINE, { name: 'you@example.com', from: '/home/you/.claude' }],
      ['acct-0000000000', { name: 'unseen@example.com', from: '/home/you/.claude-b' }],
    ]);
    const usage = await ask(dir, '/api/usage', names);
    const providers = (usage.rows as { provider: string }[]).map((row) => row.provider);
    expect(providers).toContain(`claude@${MINE}`);
    expect(usage.account_names).toEqual({ [`claude@${MINE}`]: 'you@example.com' });
    expect(JSON.stringify(usage)).not.toContain('/home/you');
    // Without names (none read, or none known), the map is empty: the page shows the labels alone.
    expect((await ask(dir, '/api/usage')).account_names).toEqual({});
  });

  it("counts the failover chain's moves per day, back ends and reason on the Bars answer, newest day first", async () => {
    const bars = await ask(writeLedger(), '/api/bars');
    expect(bars.failover_rows).toBe(3);
    expect(bars.failovers).toEqual([
      {
        day: '2026-11-20',
        from: 'anthropic',
        to: 'glm',
        reason: 'rejected',
        bar: 'five_hour',
        count: 2,
        first_at: '2026-11-20T11:00:00.000Z',
        last_at: '2026-11-20T12:30:00.000Z',
      },
      {
        day: '2026-11-20',
        from: 'anthropic',
        to: 'glm',
        reason: 'threshold',
        bar: 'five_hour',
        count: 1,
        first_at: '2026-11-20T13:00:00.000Z',
        last_at: '2026-11-20T13:00:00.000Z',
      },
      {
        day: '2026-11-19',
        from: 'anthropic',
        to: 'glm',
        reason: 'rejected',
        bar: 'five_hour',
        count: 1,
        first_at: '2026-11-19T10:00:00.000Z',
        last_at: '2026-11-19T10:00:00.000Z',
      },
    ]);
  });
});
