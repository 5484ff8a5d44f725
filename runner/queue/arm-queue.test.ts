// A claim's fence against a real throwaway cluster: a window completes only while the claim is still the worker's.
import { allowSkip } from '../../kernel/index.js';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/app-error.js';
import { stampRow } from '../../ledger/store/stamp-row.js';
import { appendRows } from '../../ledger/store/append-rows.js';
import { LEDGER_FILES } from '../../ledger/store/data-dir.js';
import { bindPostgresLedger } from '../../ledger/pg/ledger-binding.js';
import { FENCE_REFUSED, withLedgerFence } from '../../ledger/pg/ledger-fence.js';
import { pgBridge } from '../../ledger/pg/pg-bridge.js';
import { explainNoPostgres, startTestCluster, type TestCluster } from '../../step-definitions/pg-cluster.js';
import type { Plan } from '../plan/build-plan.js';
import {
  buildClaimFence,
  buildCompletionFence,
  claimArm,
  enqueuePlan,
  finishArm,
  readArmLeases,
  renewLease,
  type ClaimedArm,
} from './arm-queue.js';

const ctx = { agentId: 'main', source: 'runner' as const };
const noPostgres = allowSkip(explainNoPostgres());
const plan = { plan_id: 'plan-fence', arms: [0, 1, 2, 3, 4].map((i) => ({ arm_index: i, provider: `p${i}` })) } as unknown as Plan;

describe.skipIf(noPostgres !== null)('a claim fences its window', () => {
  let cluster: TestCluster;
  let url: string;
  let dataDir: string;
  let client: pg.Client;
  const windowRow = (id: string) => stampRow(ctx, 'anomaly', { anomaly: 'stand-in for a window row', detail: id });
  const countRows = () => pgBridge.count(url)[LEDGER_FILES.anomalies] ?? 0;
  const stateOf = async (arm: number) => (await readArmLeases(client, plan.plan_id))[arm];
  const expireLease = (arm: number) =>
    client.query(`UPDATE experiment_arms SET lease_until = now() - interval '1 second' WHERE plan_id = $1 AND arm_index = $2`, [
      plan.plan_id,
      arm,
    ]);
  const claimFor = async (worker: string): Promise<ClaimedArm> => {
    const claim = await claimArm(client, plan.plan_id, worker, 60_000);
    if (!claim) throw new Error(`no arm for ${worker}`);
    return claim;
  };
  const appendFenced = (claim: ClaimedArm, worker: string, id: string) =>
    withLedgerFence(buildCompletionFence(plan.plan_id, claim, worker), () =>
      appendRows(dataDir, LEDGER_FILES.anomalies, () => [windowRow(id)], ctx),
    );

  beforeAll(async () => {
    cluster = startTestCluster();
    url = cluster.createDatabase('fence_test');
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-fence-'));
    bindPostgresLedger(dataDir, url);
    pgBridge.migrate(url, null);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await enqueuePlan(client, plan, {}, 'test');
  });
  afterAll(async () => {
    await client?.end();
    pgBridge.close(url);
    cluster?.stop();
  });

  it('writes the window and marks the arm done in one commit while the claim holds, even past its lease', async () => {
    const claim = await claimFor('A');
    await expireLease(claim.armIndex);
    appendFenced(claim, 'A', 'a0');
    expect(countRows()).toBe(1);
    expect(await stateOf(claim.armIndex)).toMatchObject({ state: 'done', worker: 'A', lease_until: null });
    // The heartbeat that fires after the completion still sees the arm as this claim's.
    expect(await renewLease(client, plan.plan_id, claim, 'A', 60_000)).toBe(true);
  });

  it('refuses a late window once another worker took the arm over, and writes nothing of it', async () => {
    const late = await claimFor('A');
    await expireLease(late.armIndex);
    const taken = await claimFor('B');
    expect(taken.armIndex).toBe(late.armIndex);
    const error = catchError(() => appendFenced(late, 'A', 'a1-late'));
    expect(isAppError(error, FENCE_REFUSED)).toBe(true);
    expect((error as Error).message).toMatch(/no longer this worker's/);
    expect(countRows()).toBe(1);
    expect(await renewLease(client, plan.plan_id, late, 'A', 60_000)).toBe(false);
    expect(await finishArm(client, plan.plan_id, late, 'A', false)).toBe(false);
    appendFenced(taken, 'B', 'a1-b');
    expect(countRows()).toBe(2);
    expect(await stateOf(taken.armIndex)).toMatchObject({ state: 'done', worker: 'B', claims: 2 });
  });

  it('refuses a second claim of the same worker that is not the one holding the arm (the claim count fences it)', async () => {
    const first = await claimFor('A');
    await expireLease(first.armIndex);
    const second = await claimFor('A');
    expect(second.claims).toBe(first.claims + 1);
    expect(
      isAppError(
        catchError(() => appendFenced(first, 'A', 'a2-old')),
        FENCE_REFUSED,
      ),
    ).toBe(true);
    appendFenced(second, 'A', 'a2-new');
    expect(countRows()).toBe(3);
  });

  it('waits for a claim still being committed, then refuses: the row lock orders the two', async () => {
    const late = await claimFor('A');
    await expireLease(late.armIndex);
    // Another machine's claim, held open in a process of its own (this thread blocks in the bridge) for a second
    // after this one's append waits on it (pg_locks shows a lock not granted): a fixed second from 'held' was partly
    // spent before the append started on a busy machine.
    const otherClaim = spawn(
      process.execPath,
      [
        '-e',
        `const pg = require('pg'); (async () => { const c = new pg.Client({ connectionString: process.argv[1] }); await c.connect();
         await c.query('BEGIN'); await c.query("UPDATE experiment_arms SET worker = 'C', claims = claims + 1 WHERE plan_id = $1 AND arm_index = $2", ['${plan.plan_id}', ${late.armIndex}]);
         process.stdout.write('held\\n');
         while ((await c.query('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted')).rows[0].n === 0) await new Promise((r) => setTimeout(r, 20));
         await new Promise((r) => setTimeout(r, 1000)); await c.query('COMMIT'); await c.end(); })();`,
        url,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => otherClaim.once('exit', resolve));
    try {
      await new Promise<void>((resolve) => otherClaim.stdout.once('data', () => resolve()));
      const started = performance.now();
      const error = catchError(() => appendFenced(late, 'A', 'a3-late'));
      expect(performance.now() - started).toBeGreaterThan(500);
      expect(isAppError(error, FENCE_REFUSED)).toBe(true);
      expect(countRows()).toBe(3);
      await exited;
    } finally {
      otherClaim.kill(); // an append that did not wait leaves it waiting for a waiter
    }
  });

  it("writes an attempt's captures only while its claim holds, leaving the arm running, and never after a take-over", async () => {
    // At a load of 25 a worker whose lease had run out wrote its before after another worker had
    // claimed the arm and read its captures; the other's own before was then refused ("already has a before").
    const capture = (claim: ClaimedArm, worker: string, id: string) =>
      appendRows(dataDir, LEDGER_FILES.anomalies, [windowRow(id)], { ...ctx, fence: buildClaimFence(plan.plan_id, claim, worker) });
    const late = await claimFor('A');
    const rows = countRows();
    capture(late, 'A', 'a4-before');
    expect(countRows()).toBe(rows + 1);
    expect(await stateOf(late.armIndex)).toMatchObject({ state: 'running', worker: 'A' });
    await expireLease(late.armIndex);
    capture(late, 'A', 'a4-after-lease'); // a lease that ran out with nobody else claiming still writes
    const taken = await claimFor('B');
    expect(taken.armIndex).toBe(late.armIndex);
    expect(
      isAppError(
        catchError(() => capture(late, 'A', 'a4-too-late')),
        FENCE_REFUSED,
      ),
    ).toBe(true);
    expect(countRows()).toBe(rows + 2);
    capture(taken, 'B', 'a4-b');
    // The completion's own fence, when in force, is the one an append commits under.
    withLedgerFence(buildCompletionFence(plan.plan_id, taken, 'B'), () =>
      appendRows(dataDir, LEDGER_FILES.anomalies, [windowRow('a4-window')], { ...ctx, fence: buildClaimFence(plan.plan_id, late, 'A') }),
    );
    expect(countRows()).toBe(rows + 4);
    expect(await stateOf(taken.armIndex)).toMatchObject({ state: 'done', worker: 'B' });
  });

  it('refuses a fenced append to a file ledger, which has no claims to check', () => {
    const files = mkdtempSync(join(tmpdir(), 'tracker-fence-files-'));
    const fence = buildCompletionFence(plan.plan_id, { armIndex: 0, provider: 'p0', claims: 1 }, 'A');
    const error = catchError(() => withLedgerFence(fence, () => appendRows(files, LEDGER_FILES.anomalies, [windowRow('f')], ctx)));
    expect((error as Error).message).toMatch(/a fenced append needs a PostgreSQL ledger/);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
