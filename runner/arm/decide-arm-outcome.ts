// The window outcome of an arm: how the agent ended, then how the hidden tests went.
import type { Outcome } from '../../ledger/index.js';
import type { AgentOutcome } from '../budget/run-agent-with-budget.js';

/**
 * A budget stop, a timeout or a crash is the outcome whatever the tests say (their quality is still
 * recorded); otherwise all tests passing is `success`, some `partial`, none `fail`.
 */
export function decideArmOutcome(agent: AgentOutcome, quality: number): Outcome {
  if (agent === 'budget-exceeded' || agent === 'timed-out' || agent === 'crashed') return agent;
  if (quality >= 1) return 'success';
  return quality > 0 ? 'partial' : 'fail';
}
