// The shared arm queue on PostgreSQL (a sub-face of runner/): loaded only by the commands that queue or work arms.
export {
  type ArmLease,
  buildClaimFence,
  buildCompletionFence,
  type ClaimedArm,
  claimArm,
  enqueuePlan,
  finishArm,
  type QueuedPlan,
  readArmLeases,
  readQueuedPlans,
  renewLease,
  stopPlan,
  withQueueClient,
} from './arm-queue.js';
export { closeQueueConnection, isQueueReachable, openQueueConnection, type QueueConnection, reconnectWithin } from './queue-connection.js';
