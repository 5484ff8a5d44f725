// Steps for a worker that loses its arm across a database restart while another takes the arm over.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Then, When } from '@cucumber/cucumber';
import { execa, type ResultPromise } from 'execa';
import pg from 'pg';
import { LEDGER_FILES } from '../ledger/index.js';
import { lockNameOf } from '../ledger/pg/lock-key.js';
import { crashRestartSharedCluster } from './pg-cluster.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

interface Takeover {
  first: ResultPromise;
  second: ResultPromise | null;
}
const takeovers = new WeakMap<TrackerWorld, Takeover>();
/** The session holding the ledger's file locks between the two steps. */
const lockSessions = new WeakMap<TrackerWorld, pg.Client>();
/** The session holding the ledger's file locks between the two steps. */
function startWorker(world: TrackerWorld, dataDir: string): ResultPromise {
  return execa(process.execPath, [EXPERIMENT_BIN, 'worker', '--lease-s', '3', '--json', '--data-dir', dataDir], {
    cwd: world.workDir,
    env: { TZ: 'UTC', ...world.ledgerEnv() },
    reject: false,
    stdin: 'ignore',
  });
}

/** Polls `ready` until it holds; fails when a worker that must stay up ended, or after `ms`. */
async function waitUntil(what: string, ready: () => Promise<boolean> | boolean, workers: ResultPromise[], ms = 240_000): Promise<void> {
  for (const until = Date.now() + ms; !(await ready()); await sleep(50)) {
    assert.ok(Date.now() < until, `${what}: not within ${ms / 1000} s`);
    for (const worker of workers)
      if (worker.exitCode !== null) assert.fail(`a worker ended before ${what}:\n${String((await worker).stderr)}`);
  }
}

function isRunning(command: string): boolean {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') === command) return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

/**
 * The ledger's advisory lock of a file (ledger/pg/lock-key.ts), held by this session: a worker's append to the file
 * waits for it, which orders the two workers' steps exactly as a busy machine might. pg_locks shows who waits.
 */
async function holdFileLock(client: pg.Client, file: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockNameOf(file)]);
}

async function releaseFileLock(client: pg.Client, file: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockNameOf(file)]);
}

async function countWaiters(client: pg.Client, file: string): Promise<number> {
  const result = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
       AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
    [lockNameOf(file)],
  );
  return result.rows[0]?.n ?? 0;
}

When(
  "a worker's database crash-restarts while {string} runs, and the worker is held at its arm's completion until its lease has run out",
  { timeout: 600_000 },
  async function (this: TrackerWorld, command: string) {
    assert.ok(this.ledgerUrl, 'no PostgreSQL ledger in this scenario');
    const first = startWorker(this, 'machine-first');
    takeovers.set(this, { first, second: null });
    await waitUntil(`${command} runs in the first worker's arm`, () => isRunning(command), [first]);
    crashRestartSharedCluster();
    const locks = new pg.Client({ connectionString: this.ledgerUrl });
    await locks.connect();
    try {
      // Its after is captured; the window's row waits for this lock, so the arm is cut short between after and window.
      await holdFileLock(locks, LEDGER_FILES.windows);
      const waiting = async () => (await countWaiters(locks, LEDGER_FILES.windows)) > 0;
      await waitUntil('the first worker waits to complete its window', waiting, [first]);
      // Blocked in the ledger's synchronous call, it cannot heartbeat: its lease runs out (3 s).
      const expired = async () =>
        (await locks.query("SELECT 1 FROM experiment_arms WHERE state = 'running' AND lease_until < now()")).rowCount === 1;
      await waitUntil("the first worker's lease runs out", expired, [first]);
      lockSessions.set(this, locks);
    } catch (error) {
      await locks.end().catch(() => undefined);
      first.kill('SIGKILL');
      throw error;
    }
  },
);

When(
  "another worker takes that arm over while the first worker retracts the arm's captures",
  { timeout: 600_000 },
  async function (this: TrackerWorld) {
    const takeover = takeovers.get(this);
    const locks = lockSessions.get(this);
    assert.ok(takeover && locks, 'no held worker in this scenario');
    const { first } = takeover;
    try {
      // The second worker claims the arm, then waits to record the plan (assignments.jsonl's lock).
      await holdFileLock(locks, LEDGER_FILES.snapshots);
      await holdFileLock(locks, LEDGER_FILES.assignments);
      const second = startWorker(this, 'machine-second');
      takeover.second = second;
      const alive = [first, second];
      await waitUntil('the second worker claims the arm', async () => (await countWaiters(locks, LEDGER_FILES.assignments)) > 0, alive);
      // The first worker's completion is refused (the arm is the second's now): it retracts its captures, and waits.
      await releaseFileLock(locks, LEDGER_FILES.windows);
      await waitUntil('the first worker retracts its attempt', async () => (await countWaiters(locks, LEDGER_FILES.snapshots)) > 0, alive);
      // The second worker reads the attempt's captures (a before and an after) and waits to retract them itself.
      await releaseFileLock(locks, LEDGER_FILES.assignments);
      await waitUntil(
        'the second worker retracts the same attempt',
        async () => (await countWaiters(locks, LEDGER_FILES.snapshots)) > 1,
        alive,
      );
      // The first worker's retraction goes first; the second then finds the after gone (on 43e3261: exit 5, "has no after").
      await releaseFileLock(locks, LEDGER_FILES.snapshots);
    } catch (error) {
      first.kill('SIGKILL');
      takeover.second?.kill('SIGKILL');
      throw error;
    } finally {
      await locks.end().catch(() => undefined);
    }
  },
);

Then('both workers exit 0, the second having run the arm on its second claim', async function (this: TrackerWorld) {
  const takeover = takeovers.get(this);
  assert.ok(takeover?.second, 'no take-over in this scenario');
  const [first, second] = await Promise.all([takeover.first, takeover.second]);
  assert.equal(second.exitCode, 0, `the worker taking over exited ${second.exitCode}:\n${String(second.stderr)}`);
  assert.equal(first.exitCode, 0, `the worker that lost its arm exited ${first.exitCode}:\n${String(first.stderr)}`);
  const arms = (JSON.parse(String(second.stdout)) as { arms: { claims: number; done: boolean }[] }).arms;
  assert.ok(
    arms.some((arm) => arm.claims === 2 && arm.done),
    `the second worker's arms: ${JSON.stringify(arms)}`,
  );
  for (const worker of [first, second]) assert.ok(!/Unhandled|\n\s+at /.test(String(worker.stderr)), String(worker.stderr));
});
