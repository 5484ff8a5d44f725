// What every phase of one arm shares: the job, the services, its sandbox, its captures, and the notes it gathers.
import type { StampContext } from '../../ledger/index.js';
import type { UsageDelta } from '../../budget/index.js';
import type { Sandbox } from '../sandbox/create-sandbox.js';
import type { ArmCaptures } from './arm-captures.js';
import type { ArmJob, ArmServices } from './arm-types.js';

export interface ArmContext {
  job: ArmJob;
  services: ArmServices;
  stamp: StampContext;
  sandbox: Sandbox;
  captures: ArmCaptures;
  /** Only the variables the profile names (pass_env), and only those set. */
  passEnv: Record<string, string>;
  /** Gathered by every phase; they end up in the window's notes. */
  notes: string[];
}

export function countTokens(usage: UsageDelta): number {
  return usage.input + usage.output + usage.cache_read + usage.cache_creation;
}
