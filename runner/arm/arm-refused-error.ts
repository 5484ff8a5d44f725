// The error that leaves an arm pending: a block budget refused it before anything of it was recorded.
import { AppError } from '../../ledger/index.js';

/** Thrown before the arm's before is recorded, so the scheduler stops launching arms and the arm stays to do. */
export class ArmRefusedError extends AppError {
  constructor(reason: string) {
    super('RULE_VIOLATION', reason);
    this.name = 'ArmRefusedError';
  }
}
