// The arms a run could not run, for its record (state/runs/<plan>.json): the runner's summary in, the record's entries out.
import type { InfrastructureFailure } from '../ledger/runs/index.js';
import type { RunSummary } from '../runner/index.js';

/** A run's arms that could not run, and the providers it skipped for that (one entry each, arm_index null). */
export function listInfrastructureFailures(summary: RunSummary): InfrastructureFailure[] {
  return [
    ...summary.results
      .filter((arm) => arm.infra_failure !== null)
      .map((arm) => ({ arm_index: arm.arm_index, provider: arm.provider, task_id: arm.task_id, reason: arm.infra_failure as string })),
    ...Object.entries(summary.skipped_providers).map(([provider, reason]) => ({ arm_index: null, provider, task_id: '', reason })),
  ];
}
