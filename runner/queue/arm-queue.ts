// The experiment queue in a PostgreSQL ledger: `run --queue` records a plan's arms, workers claim them under leases.
import pg from 'pg';
import type { LedgerFence } from '../../ledger/pg/index.js';
import type { Plan } from '../plan/build-plan.js';

export interface ClaimedArm {
  armIndex: number;
  provider: string;
  /** 1 for the first claim; more when an earlier worker's lease ran out. */
  claims: number;
}

export interface QueuedPlan {
  planId: string;
  settings: Record<string, unknown>;
  stoppedBy: string | null;
}

export interface ArmLease {
  arm_index: number;
  provider: string;
  state: 'pending' | 'running' | 'done';
  worker: string | null;
  lease_until: string | null;
  heartbeat_at: string | null;
  claims: number;
}

const CLAIM_LOCK = 'agent-tracker:queue:';

/** Runs `use` on a connection of its own, named for the server's activity view, and closes it however `use` ends. */
export async function withQueueClient<T>(url: string, name: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: `agent-tracker ${name}` });
  // A connection the server drops emits 'error'; unheard it kills the process with a raw stack. The query in flight
  // fails on its own, with its own message.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Records a plan and its arms once: queueing the same plan again adds nothing (and says so). */
export async function enqueuePlan(client: pg.ClientBase, plan: Plan, settings: object, queuedBy: string): Promise<boolean> {
  await client.query('BEGIN');
  try {
    const inserted = await client.query(
      'INSERT INTO experiment_queue (plan_id, settings, queued_by) VALUES ($1, $2, $3) ON CONFLICT (plan_id) DO NOTHING',
      [plan.plan_id, JSON.stringify(settings), queuedBy],
    );
    if (inserted.rowCount === 1) {
      await client.query('INSERT INTO experiment_arms (plan_id, arm_index, provider) SELECT $1, * FROM unnest($2::int[], $3::text[])', [
        plan.plan_id,
        plan.arms.map((arm) => arm.arm_index),
        plan.arms.map((arm) => arm.provider),
      ]);
    }
    await client.query('COMMIT');
    return inserted.rowCount === 1;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The queued plans, oldest first; with `planId`, only that one. */
export async function readQueuedPlans(client: pg.ClientBase, planId?: string): Promise<QueuedPlan[]> {
  const result = await client.query<{ plan_id: string; settings: Record<string, unknown>; stopped_by: string | null }>(
    `SELECT plan_id, settings, stopped_by FROM experiment_queue WHERE $1::text IS NULL OR plan_id = $1 ORDER BY queued_at`,
    [planId ?? null],
  );
  return result.rows.map((row) => ({ planId: row.plan_id, settings: row.settings, stoppedBy: row.stopped_by }));
}

/**
 * Claims the plan's next arm, in plan order: a pending one, or a running one whose lease ran out (its worker died).
 * Never an arm of a provider another worker is running (they would share its bars, as `run --parallel` never does).
 * Claims of one plan are serialised by an advisory lock; SKIP LOCKED keeps a claim from waiting on a row a
 * heartbeat holds.
 */
export async function claimArm(client: pg.ClientBase, planId: string, worker: string, leaseMs: number): Promise<ClaimedArm | null> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [CLAIM_LOCK + planId]);
    const result = await client.query<{ arm_index: number; provider: string; claims: number }>(
      `UPDATE experiment_arms SET state = 'running', worker = $2, claims = claims + 1,
              lease_until = now() + make_interval(secs => $3::double precision / 1000), heartbeat_at = now()
       WHERE (plan_id, arm_index) = (
         SELECT c.plan_id, c.arm_index FROM experiment_arms c
         WHERE c.plan_id = $1 AND (c.state = 'pending' OR (c.state = 'running' AND c.lease_until < now()))
           AND NOT EXISTS (SELECT 1 FROM experiment_arms r WHERE r.plan_id = c.plan_id AND r.provider = c.provider
                           AND r.state = 'running' AND r.lease_until >= now())
         ORDER BY c.arm_index LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING arm_index, provider, claims`,
      [planId, worker, leaseMs],
    );
    await client.query('COMMIT');
    const row = result.rows[0];
    return row ? { armIndex: row.arm_index, provider: row.provider, claims: row.claims } : null;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * Extends this claim's lease; false when the arm is no longer this claim's (the lease ran out and another worker
 * took it). An arm this claim already completed (its fence marked it done) still counts as held.
 */
export async function renewLease(
  client: pg.ClientBase,
  planId: string,
  claim: ClaimedArm,
  worker: string,
  leaseMs: number,
): Promise<boolean> {
  const result = await client.query<{ state: string }>(
    `WITH renewed AS (
       UPDATE experiment_arms SET lease_until = now() + make_interval(secs => $5::double precision / 1000), heartbeat_at = now()
       WHERE plan_id = $1 AND arm_index = $2 AND worker = $3 AND claims = $4 AND state = 'running' RETURNING state)
     SELECT state FROM renewed
     UNION ALL SELECT state FROM experiment_arms
     WHERE plan_id = $1 AND arm_index = $2 AND worker = $3 AND claims = $4 AND state = 'done'`,
    [planId, claim.armIndex, worker, claim.claims, leaseMs],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * The fence of a claim's window (ledger/pg/ledger-fence.ts): in the transaction that completes the window, the arm
 * is marked done, provided this very claim (worker and claim count) still holds it. A lease that ran out without
 * another claim still completes; once another worker claimed the arm, the row lock its claim took makes this
 * statement wait for that commit and then touch nothing, so the late window is refused.
 */
export function buildCompletionFence(planId: string, claim: ClaimedArm, worker: string): LedgerFence {
  return {
    sql: `UPDATE experiment_arms SET state = 'done', lease_until = NULL, finished_at = now()
          WHERE plan_id = $1 AND arm_index = $2 AND worker = $3 AND claims = $4 AND state = 'running'`,
    params: [planId, claim.armIndex, worker, claim.claims],
    refusal: `the claim on arm ${claim.armIndex} is no longer this worker's (its lease ran out and another worker took the arm)`,
    where: `plan ${planId}, arm ${claim.armIndex}, claim ${claim.claims}`,
  };
}

/**
 * The fence of every other write of a claim's attempt (its captures and their retractions, runner/arm/run-arm.ts):
 * written only while this claim holds the arm, the row touched being its heartbeat. A claim by another worker bumps
 * `claims` under the row's lock, so a capture racing with it waits for that commit and is then refused: the other
 * worker, which reads the attempt's captures after its claim, sees every capture this attempt will ever have.
 */
export function buildClaimFence(planId: string, claim: ClaimedArm, worker: string): LedgerFence {
  return {
    sql: `UPDATE experiment_arms SET heartbeat_at = now()
          WHERE plan_id = $1 AND arm_index = $2 AND worker = $3 AND claims = $4 AND state = 'running'`,
    params: [planId, claim.armIndex, worker, claim.claims],
    refusal: `the claim on arm ${claim.armIndex} is no longer this worker's (its lease ran out and another worker took the arm)`,
    where: `plan ${planId}, arm ${claim.armIndex}, claim ${claim.claims}`,
  };
}

/**
 * Ends a claim its fence did not end: `done` when the ledger already held the arm's window (written before the
 * fence existed), else pending again for the next claim. Only while the claim is still this one; false otherwise.
 */
export async function finishArm(client: pg.ClientBase, planId: string, claim: ClaimedArm, worker: string, done: boolean): Promise<boolean> {
  const result = await client.query(
    `UPDATE experiment_arms SET state = $5, lease_until = NULL, finished_at = CASE WHEN $5 = 'done' THEN now() END
     WHERE plan_id = $1 AND arm_index = $2 AND worker = $3 AND claims = $4 AND state = 'running'`,
    [planId, claim.armIndex, worker, claim.claims, done ? 'done' : 'pending'],
  );
  return result.rowCount === 1;
}

/** Marks the plan stopped (a stop rule fired): no worker claims its arms any more. */
export async function stopPlan(client: pg.ClientBase, planId: string, reason: string): Promise<void> {
  await client.query('UPDATE experiment_queue SET stopped_by = $2 WHERE plan_id = $1 AND stopped_by IS NULL', [planId, reason]);
}

/** Every arm of a plan with its lease, for `experiment status`. */
export async function readArmLeases(client: pg.ClientBase, planId: string): Promise<ArmLease[]> {
  const result = await client.query<ArmLease>(
    `SELECT arm_index, provider, state, worker, lease_until::text, heartbeat_at::text, claims
     FROM experiment_arms WHERE plan_id = $1 ORDER BY arm_index`,
    [planId],
  );
  return result.rows;
}
