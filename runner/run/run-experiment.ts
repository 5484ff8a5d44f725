// Runs a plan's unfinished arms, up to N at once but never two of one provider (they share its bars), and resumes a killed run.
import { retractAttempt } from '../../ledger/index.js';
import type { ArmJob, ArmServices } from '../arm/arm-types.js';
import type { Plan, PlanArm } from '../plan/build-plan.js';
import { findSecondSubscription, type ProviderProfile } from '../providers/provider-profiles.js';
import type { BankTask } from '../task-bank/load-task-bank.js';
import { sweepSandboxes } from '../sandbox/sweep-sandboxes.js';
import { findRunProgress, nameArmWindow, type RunProgress } from '../../ledger/runs/index.js';
import { ExperimentSlots } from './experiment-slots.js';
import type { RunEvent, RunSummary } from './run-events.js';

export interface ExperimentRequest {
  plan: Plan;
  tasks: ReadonlyMap<string, BankTask>;
  profiles: ReadonlyMap<string, ProviderProfile>;
  /** Arms at once (at most one per provider). */
  parallel: number;
  /** Workers are `<agentId>-<plan fragment>-w1`, `-w2`, ...: each keeps its own windows and state. */
  agentId: string;
  services: Omit<ArmServices, 'onActivity'>;
  /** Asked after each arm: a reason to stop launching arms, or null to go on. */
  checkStop?: () => string | null;
  onEvent?: (event: RunEvent) => void;
  /**
   * Only these arms (a queue worker's claim): arms outside it are neither run nor touched, even when another
   * machine's attempt at one looks cut short (it may be running there). Default: the whole plan.
   */
  onlyArms?: ReadonlySet<number>;
  /** See SlotsRequest: skip a provider after its infrastructure failure instead of stopping. */
  keepGoing?: boolean | undefined;
  /** Providers the preflight found unusable, with why: their arms stay pending. */
  skipProviders?: ReadonlyMap<string, string> | undefined;
}

export async function runExperiment(request: ExperimentRequest): Promise<RunSummary> {
  const started = performance.now();
  const { plan, services } = request;
  const emit = request.onEvent ?? (() => undefined);
  const { progress, retracted, pending } = resumeRun(request);
  // What a run killed with SIGKILL left (its arm's folder, the agent's HOME in it), whatever data dir it ran on.
  const removedSandboxes = sweepSandboxes(services.sandboxParent, 'dead').length;
  emit({ type: 'run-start', plan, pending: pending.length, done: progress.done.size, retracted, removedSandboxes });
  const slots = new ExperimentSlots({
    parallel: request.parallel,
    services,
    checkStop: request.checkStop,
    emit,
    prepare: (arm, slot) => prepareJob(request, progress, arm, slot),
    keepGoing: request.keepGoing,
    skipProviders: request.skipProviders,
  });
  await slots.runAll([...pending]);
  const results = slots.results.sort((a, b) => a.arm_index - b.arm_index);
  return {
    plan_id: plan.plan_id,
    seed: plan.seed,
    arms_total: plan.arms.length,
    arms_done_before: progress.done.size,
    arms_run: results.length,
    // An arm that recorded no window (no capacity reading at all) is still to do.
    arms_pending: plan.arms.length - progress.done.size - results.filter((result) => result.outcome !== 'abandoned').length,
    retracted,
    stopped_by: slots.stoppedBy,
    skipped_providers: Object.fromEntries(slots.skipped),
    results,
    wall_ms: Math.round(performance.now() - started),
  };
}

/** What the ledger says is done, the cut-short attempts of this run's arms taken back, and the arms still to run. */
function resumeRun(request: ExperimentRequest): { progress: RunProgress; retracted: string[]; pending: PlanArm[] } {
  const { plan, services } = request;
  const progress = findRunProgress(services.dataDir, plan.plan_id);
  const mine = (armIndex: number) => request.onlyArms === undefined || request.onlyArms.has(armIndex);
  const retracted = retractOpenAttempts(
    services.dataDir,
    progress.open.filter((attempt) => mine(attempt.armIndex)),
    (provider) => isSimulatedAccount(request.profiles.get(provider)),
  );
  const pending = plan.arms.filter((arm) => !progress.done.has(arm.arm_index) && mine(arm.arm_index));
  return { progress, retracted, pending };
}

function prepareJob(request: ExperimentRequest, progress: RunProgress, arm: PlanArm, slot: number): ArmJob {
  const { plan } = request;
  const attempt = (progress.attempts.get(arm.arm_index) ?? 0) + 1;
  return {
    planId: plan.plan_id,
    seed: plan.seed,
    epochs: plan.epochs,
    arm,
    task: request.tasks.get(arm.task_id) as BankTask,
    profile: request.profiles.get(arm.provider) as ProviderProfile,
    attempt,
    windowId: nameArmWindow(plan.plan_id, arm.arm_index, arm.provider, attempt),
    agentId: nameWorker(request.agentId, plan.plan_id, slot),
  };
}

/**
 * `main-aa9a76-w1`: a plan fragment keeps two plans' workers apart in one data dir (a killed plan's open
 * window must never block another plan's arm, nor be retracted by it).
 */
export function nameWorker(agentId: string, planId: string, slot: number): string {
  return `${agentId}-${planId.replace(/^plan-/, '').slice(0, 6)}-w${slot}`;
}

/**
 * A run killed mid-arm left a before (maybe an after) with no window: retract them so the arm can be redone cleanly.
 * What is live is decided again under the ledger's lock (retractAttempt), not taken from the scan above: a queue
 * worker taking an arm over may meet the worker that lost it retracting the same captures at the same moment (after
 * a database restart: "has no after: nothing to undo" ended the worker taking over). An attempt
 * the other process settled first is settled; it is listed only when this run retracted something of it.
 */
function retractOpenAttempts(
  dataDir: string,
  open: ReturnType<typeof findRunProgress>['open'],
  givesBack: (provider: string) => boolean,
): string[] {
  const retracted: string[] = [];
  for (const attempt of open) {
    const stamp = { agentId: attempt.agentId, source: 'runner' as const };
    const rows = retractAttempt(dataDir, stamp, {
      provider: attempt.provider,
      windowId: attempt.windowId,
      reason: 'experiment run resumed: this attempt was cut short',
      givenBack: givesBack(attempt.provider),
    });
    if (rows.length > 0) retracted.push(attempt.windowId);
  }
  return retracted;
}

/**
 * A provider on the run's scripted server: a resumed run gives its account the cut-short attempt's charges back
 * (cli/load-run-quota.ts), so the retraction says so and the everyday prices leave the attempt's readings out.
 */
function isSimulatedAccount(profile: ProviderProfile | undefined): boolean {
  return profile?.upstream === 'scripted' || (profile !== undefined && findSecondSubscription(profile)?.upstream === 'scripted');
}
