// The failure that leaves an arm pending: a block budget refused it before anything of it was recorded.
import { AppError } from '../../kernel/index.js';

/** The `kind` of that AppError: the scheduler stops launching arms, and the arm stays to do. */
export const ARM_REFUSED = 'arm-refused';

/** Thrown before the arm's before is recorded (or after it was undone). */
export function createArmRefusedError(reason: string): AppError {
  return new AppError('RULE_VIOLATION', reason, { kind: ARM_REFUSED });
}
