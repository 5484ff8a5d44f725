// For a PostgreSQL ledger's queued plans, `experiment status` adds who holds which arm, and until when.
import { readLedgerUrl } from '../../ledger/index.js';
import { type ArmLease, readArmLeases, readQueuedPlans, withQueueClient } from '../../runner/queue/index.js';

export interface PlanLeases {
  plan_id: string;
  stopped_by: string | null;
  arms: ArmLease[];
}

/** The queue of every queued plan (or only `plan`), or null for a file ledger. */
export async function readPlanLeases(dataDir: string, plan: string | undefined): Promise<PlanLeases[] | null> {
  const url = readLedgerUrl(dataDir);
  if (url === null) return null;
  return withQueueClient(url, 'status', async (client) => {
    const queued = await readQueuedPlans(client, plan);
    // One query at a time: a pg client runs them in turn anyway, and pg 8.16 warns that handing it several at once
    // is deprecated (pg 9 refuses it).
    const leases: PlanLeases[] = [];
    for (const entry of queued)
      leases.push({ plan_id: entry.planId, stopped_by: entry.stoppedBy, arms: await readArmLeases(client, entry.planId) });
    return leases;
  });
}

/** One line a plan: arms by queue state, then a line per worker with the arms it holds now. */
export function renderPlanLeases(plans: PlanLeases[]): string {
  const lines: string[] = [];
  for (const plan of plans) {
    const count = (state: ArmLease['state']) => plan.arms.filter((arm) => arm.state === state).length;
    const stopped = plan.stopped_by ? `; stopped: ${plan.stopped_by}` : '';
    lines.push(`Queue of ${plan.plan_id}: ${count('done')} done, ${count('running')} claimed, ${count('pending')} pending${stopped}`);
    for (const arm of plan.arms.filter((candidate) => candidate.state === 'running')) {
      lines.push(
        `  #${String(arm.arm_index + 1).padStart(3, '0')} ${arm.provider} held by ${arm.worker} until ${arm.lease_until} (claim ${arm.claims}, last heartbeat ${arm.heartbeat_at})`,
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
