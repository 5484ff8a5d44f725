// What an arm's usage is charged to, for the budgets.
import type { ChargeContext } from '../../budget/index.js';
import type { ArmJob } from './arm-types.js';

export function buildArmContext(job: ArmJob): ChargeContext {
  return {
    agent: job.agentId,
    command: null,
    provider: job.arm.provider,
    window: job.windowId,
    feature: job.task.meta.id,
    model: job.profile.model,
  };
}
