// What a run tells its progress view: arms starting, working, ending, and the run's own start and end.
import type { ArmActivity, ArmJob, ArmResult } from '../arm/arm-types.js';
import type { Plan } from '../plan/build-plan.js';

export type RunEvent =
  | { type: 'run-start'; plan: Plan; pending: number; done: number; retracted: string[]; removedSandboxes: number }
  | { type: 'arm-start'; job: ArmJob }
  | { type: 'arm-activity'; job: ArmJob; activity: ArmActivity }
  | { type: 'arm-done'; job: ArmJob; result: ArmResult }
  /** No new arms: a stop rule fired or a block budget is spent. */
  | { type: 'stop'; reason: string }
  | { type: 'run-end'; summary: RunSummary };

export interface RunSummary {
  plan_id: string;
  seed: string;
  arms_total: number;
  /** Arms done in earlier runs of this plan (resumed). */
  arms_done_before: number;
  /** Arms this run finished. */
  arms_run: number;
  arms_pending: number;
  /** Open windows of killed runs retracted before their arms were redone. */
  retracted: string[];
  stopped_by: string | null;
  /** Providers whose arms were left pending because they could not run (preflight, or --keep-going after a failure), with why. */
  skipped_providers: Record<string, string>;
  results: ArmResult[];
  wall_ms: number;
}
