// The arms of one experiment run in flight: slots, busy providers, the stop reason and the first failure, as steps.
import { isAppError } from '../../kernel/index.js';
import { ARM_REFUSED } from '../arm/arm-refused-error.js';
import type { ArmJob, ArmResult, ArmServices } from '../arm/arm-types.js';
import { buildArmContext, runArm } from '../arm/run-arm.js';
import type { PlanArm } from '../plan/build-plan.js';
import type { RunEvent } from './run-events.js';

export interface SlotsRequest {
  parallel: number;
  services: Omit<ArmServices, 'onActivity'>;
  checkStop?: () => string | null;
  emit: (event: RunEvent) => void;
  /** Builds the job of an arm for a worker slot (its attempt, window id and worker agent). */
  prepare: (arm: PlanArm, slot: number) => ArmJob;
  /**
   * After an arm that could not run (an infrastructure failure): skip that provider's other arms and go on (true,
   * `--keep-going`), or stop launching arms (default), so a broken environment costs one arm, not the run.
   */
  keepGoing?: boolean | undefined;
  /** Providers whose arms are not run at all (the preflight found their CLI or upstream unusable), with why. */
  skipProviders?: ReadonlyMap<string, string> | undefined;
}

export class ExperimentSlots {
  readonly results: ArmResult[] = [];
  /** Providers whose arms are left pending, with why (the preflight's, or an arm's infrastructure failure under keepGoing). */
  readonly skipped: Map<string, string>;
  stoppedBy: string | null;
  failure: unknown = null;
  private readonly busyProviders = new Set<string>();
  private readonly freeSlots: number[];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly request: SlotsRequest) {
    this.freeSlots = Array.from({ length: Math.max(1, request.parallel) }, (_, i) => i + 1);
    this.stoppedBy = request.checkStop?.() ?? null;
    this.skipped = new Map(request.skipProviders ?? []);
  }

  /** Runs the queue to its end: fills free slots in plan order, waits for an arm, again; rethrows the first failure. */
  async runAll(queue: PlanArm[]): Promise<void> {
    while (queue.length > 0 || this.running.size > 0) {
      this.fillSlots(queue);
      if (this.running.size === 0) break;
      await Promise.race(this.running);
    }
    if (this.failure !== null) throw this.failure;
  }

  /** Plan order, skipping arms whose provider is busy: each provider still meets its arms in plan order. */
  private fillSlots(queue: PlanArm[]): void {
    while (this.stoppedBy === null && this.failure === null && this.freeSlots.length > 0) {
      const next = queue.findIndex((arm) => !this.busyProviders.has(arm.provider) && !this.skipped.has(arm.provider));
      if (next < 0) return;
      const slot = this.freeSlots[0] as number;
      const job = this.request.prepare(queue[next] as PlanArm, slot);
      // A block budget already spent would refuse the agent: leave the arm pending (a later run with more budget does it).
      const spent = this.request.services.budget.tracker.checkBlocked(buildArmContext(job));
      if (spent) {
        this.stop(`budget ${spent.budget} is spent (${spent.used} of ${spent.limit} ${spent.metric}); the remaining arms stay pending`);
        return;
      }
      queue.splice(next, 1);
      this.freeSlots.shift();
      this.launch(job, slot);
    }
  }

  private launch(job: ArmJob, slot: number): void {
    const { emit, services } = this.request;
    this.busyProviders.add(job.arm.provider);
    emit({ type: 'arm-start', job });
    const task = runArm(job, { ...services, onActivity: (j, activity) => emit({ type: 'arm-activity', job: j, activity }) })
      .then((result) => this.finishArm(job, result))
      .catch((error: unknown) => this.failArm(error))
      .finally(() => this.freeSlot(job, slot, task));
    this.running.add(task);
  }

  private finishArm(job: ArmJob, result: ArmResult): void {
    this.results.push(result);
    this.request.emit({ type: 'arm-done', job, result });
    if (this.stoppedBy !== null) return;
    if (result.infra_failure !== null) {
      const where = `${job.arm.provider} on ${job.task.meta.id}`;
      if (this.request.keepGoing) this.skipped.set(job.arm.provider, `${result.infra_failure} (${where})`);
      else
        this.stop(
          `infrastructure failure (${where}): ${result.infra_failure}; the remaining arms stay pending: fix it and run the same command again, or pass --keep-going to skip that provider`,
        );
      return;
    }
    const reason = this.request.checkStop?.() ?? null;
    if (reason !== null) this.stop(reason);
  }

  /** A budget refused the arm before it recorded anything: it stays pending, and no further arm starts. */
  private failArm(error: unknown): void {
    if (isAppError(error, ARM_REFUSED)) {
      if (this.stoppedBy === null) this.stop(`${error.message}; the remaining arms stay pending`);
      return;
    }
    this.failure ??= error;
  }

  private freeSlot(job: ArmJob, slot: number, task: Promise<void>): void {
    this.busyProviders.delete(job.arm.provider);
    this.freeSlots.push(slot);
    this.freeSlots.sort((a, b) => a - b);
    this.running.delete(task);
  }

  private stop(reason: string): void {
    this.stoppedBy = reason;
    this.request.emit({ type: 'stop', reason });
  }
}
