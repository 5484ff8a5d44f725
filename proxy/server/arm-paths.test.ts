// A run's proxy charges what an arm's agent sends to the arm, whatever window it names: on 43e3261,
// with --window-budget w1=20, requests without x-tracker-window or naming another id were never charged (6 of 6 answered).
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';
import type { RunningProxy } from './proxy-options.js';

const lab = useProxyLab();

async function start(armPaths: boolean): Promise<{ proxy: RunningProxy; rows: TelemetryRow[] }> {
  const script = parseScript({ name: 'twelve', steps: [{ type: 'text', text: 'twelve tokens', usage: { output_tokens: 12 } }] }, 'test');
  const rows: TelemetryRow[] = [];
  const policy = parseBudgetFlags(
    { windowBudget: ['w1=20'], budgetMetric: 'output', budgetMode: 'block', budgetWarnAt: 'none' },
    BUILT_IN_CATALOG,
  );
  const { proxy } = await lab.start(script, 'arm-paths', { budget: { policy }, armPaths, onTelemetry: (row) => rows.push(row) });
  return { proxy, rows };
}

async function send(base: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dummy', ...headers },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Without the window header, then naming other windows, as an agent that sends its own requests would. */
const SPOOFS: Record<string, string>[] = [
  {},
  { 'x-tracker-window': 'w2' },
  { 'x-tracker-window': 'w3', 'x-tracker-agent': 'other' },
  {},
  {},
  {},
];

describe("a run's proxy attributes by the arm's base URL", () => {
  it("charges every request under w1's base URL to w1, and its window budget refuses them once spent", async () => {
    const { proxy: running, rows } = await start(true);
    const arm = running.openArmPath?.({ 'x-tracker-window': 'w1', 'x-tracker-agent': 'main-w1' });
    if (!arm) throw new Error('no arm paths');
    const statuses: number[] = [];
    for (const headers of SPOOFS) statuses.push(await send(arm.url, headers));
    // 12 + 12 (the second cut at what was left, 8) reach the 20; the rest are refused by window:w1.
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
    expect(rows.map((row) => [row.window_id, row.agent_id])).toEqual(Array(6).fill(['w1', 'main-w1']));
    expect(running.budget?.tracker.usage()[0]).toMatchObject({ budget: { id: 'window:w1' }, inFlight: 0 });
  });

  it("keeps the agent's own session header under an arm's base URL: Claude Code's, then Codex's", async () => {
    const { proxy: running, rows } = await start(true);
    const arm = running.openArmPath?.({ 'x-tracker-window': 'w1' });
    if (!arm) throw new Error('no arm paths');
    await send(arm.url, { 'X-Claude-Code-Session-Id': 'cc-1' });
    await send(arm.url, { 'session-id': 'codex-thread-1', 'thread-id': 'codex-thread-1' });
    await send(arm.url, {});
    expect(rows.map((row) => [row.window_id, row.session_id])).toEqual([
      ['w1', 'cc-1'],
      ['w1', 'codex-thread-1'],
      ['w1', null],
    ]);
  });

  it('answers nothing outside an open base URL: the bare proxy, a made-up token, a closed arm', async () => {
    const { proxy: running, rows } = await start(true);
    const arm = running.openArmPath?.({ 'x-tracker-window': 'w1' });
    if (!arm) throw new Error('no arm paths');
    expect(await send(running.url, { 'x-tracker-window': 'w9' })).toBe(403);
    expect(await send(`${running.url}/_arm/${'0'.repeat(32)}`, {})).toBe(403);
    expect(await send(arm.url, {})).toBe(200);
    arm.close();
    expect(await send(arm.url, {})).toBe(403);
    // Refused before any routing, like an unauthenticated client: counted, never a row of the ledger.
    expect(rows).toHaveLength(1);
    const health = (await (await fetch(`${running.url}/_tracker/health`)).json()) as { refused: Record<string, number> };
    expect(health.refused).toEqual({ proxy_arm_path_required: 3 });
  });

  it("a proxy of one's own still attributes by the headers (and a window budget binds only requests naming it)", async () => {
    const { proxy: running, rows } = await start(false);
    expect(running.openArmPath).toBeNull();
    const statuses: number[] = [];
    for (const headers of SPOOFS) statuses.push(await send(running.url, headers));
    expect(statuses).toEqual(Array(6).fill(200));
    expect(rows.map((row) => row.window_id)).toEqual([null, 'w2', 'w3', null, null, null]);
  });
});
