// One copy of the values the arms the server receives repeat: a structured clone makes every string anew.
import { createTextSharer } from '../kernel/index.js';
import type { ArmRow } from './arm-rows.js';

/** No errors: one frozen list for every arm that has none. */
const NO_ERRORS: string[] = Object.freeze([]) as unknown as string[];

/**
 * Returns a function that gives a received arm one copy of each value arms repeat (plan, task, provider, sequence,
 * outcome, isolation) and of an empty error list. A structured clone makes every string anew: 100,000 arms took 51 MB
 * of the server's heap as received, 39 MB shared (bench: viewer). The server never writes to an arm.
 */
export function createArmSharer(): (arm: ArmRow) => ArmRow {
  const share = createTextSharer(65_536);
  return (arm) => {
    arm.plan_id = share(arm.plan_id);
    arm.task = share(arm.task);
    arm.provider = share(arm.provider);
    arm.sequence = share(arm.sequence);
    arm.outcome = share(arm.outcome);
    arm.isolation = share(arm.isolation);
    if (arm.errors.length === 0) arm.errors = NO_ERRORS;
    return arm;
  };
}
