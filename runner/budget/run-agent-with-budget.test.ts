// Real shell-script agents that leave background children: a timeout, a budget stop and a normal exit end the whole group.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BudgetTracker, parseBudgetFlags, type ChargeContext } from '../../budget/index.js';
import { waitUntilGone } from '../test-fixtures/process-liveness.js';
import { runAgentWithBudget, type AgentRun } from './run-agent-with-budget.js';

const dir = mkdtempSync(join(tmpdir(), 'agent-group-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTEXT: ChargeContext = {
  agent: 'main',
  command: null,
  provider: 'anthropic',
  window: null,
  feature: null,
  model: 'claude-haiku-4-5',
};
const RESULT_LINE = JSON.stringify({ type: 'result', session_id: 's1', usage: { input_tokens: 500, output_tokens: 600 } });

function makeAgent(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

async function run(
  file: string,
  extra: Partial<AgentRun> = {},
): Promise<{ result: Awaited<ReturnType<typeof runAgentWithBudget>>; lines: string[]; ms: number }> {
  const lines: string[] = [];
  const started = Date.now();
  const result = await runAgentWithBudget({
    file,
    args: [],
    context: CONTEXT,
    tracker: new BudgetTracker(parseBudgetFlags({}, BUILT_IN_CATALOG)),
    graceMs: 1000,
    onLine: (line) => lines.push(line),
    ...extra,
  });
  return { result, lines, ms: Date.now() - started };
}

const backgroundPid = (lines: string[]): number => {
  const pid = Number(lines.find((line) => /^bg \d+$/.test(line))?.slice(3));
  expect(pid).toBeGreaterThan(1);
  return pid;
};

describe('runAgentWithBudget process group', () => {
  it('a timeout kills the agent and its background children and ends at once', async () => {
    const file = makeAgent('hang.sh', 'sleep 30 &\necho "bg $!"\nsleep 30');
    const { result, lines, ms } = await run(file, { timeoutMs: 500 });
    expect(ms).toBeLessThan(2000);
    expect(result.outcome).toBe('timed-out');
    expect(result.signal).toBe('SIGTERM');
    expect(await waitUntilGone(backgroundPid(lines))).toBe(true);
  });

  it('a child that ignores SIGTERM is killed after graceMs', async () => {
    const file = makeAgent('stubborn.sh', 'trap \'\' TERM\nsleep 30 &\necho "bg $!"\nwhile :; do sleep 1; done');
    const { result, lines, ms } = await run(file, { timeoutMs: 300, graceMs: 500 });
    expect(ms).toBeLessThan(3000);
    expect(result.outcome).toBe('timed-out');
    expect(await waitUntilGone(backgroundPid(lines))).toBe(true);
  });

  it('an agent that exits 0 does not wait for a background child holding its stdout, and the child is killed', async () => {
    const file = makeAgent('leaves.sh', 'sleep 30 &\necho "bg $!"\nexit 0');
    const { result, lines, ms } = await run(file, { timeoutMs: 20_000 });
    expect(ms).toBeLessThan(2000);
    expect(result).toMatchObject({ outcome: 'success', exitCode: 0, signal: null });
    expect(await waitUntilGone(backgroundPid(lines))).toBe(true);
  });

  it('a non-zero exit is fail, and a budget crossed stops the whole group as budget-exceeded', async () => {
    expect((await run(makeAgent('fails.sh', 'echo oops >&2\nexit 3'))).result).toMatchObject({
      outcome: 'fail',
      exitCode: 3,
      stderrTail: 'oops',
    });

    const file = makeAgent('spends.sh', `sleep 30 &\necho "bg $!"\necho '${RESULT_LINE}'\nsleep 30`);
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '100', budgetMode: 'block' }, BUILT_IN_CATALOG));
    const { result, lines, ms } = await run(file, { tracker, timeoutMs: 20_000 });
    expect(ms).toBeLessThan(2000);
    expect(result.outcome).toBe('budget-exceeded');
    expect(result.stoppedBy?.type).toBe('stopped');
    expect(await waitUntilGone(backgroundPid(lines))).toBe(true);
  });

  it('a missing program is a NOT_FOUND error', async () => {
    await expect(run(join(dir, 'no-such-agent'))).rejects.toThrow(/no such program/);
  });
});
