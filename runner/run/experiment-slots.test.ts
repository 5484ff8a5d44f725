// ExperimentSlots after an arm that could not run: the run stops (default) or skips that provider (keepGoing).
import { describe, expect, it, vi } from 'vitest';
import type { ArmJob, ArmResult } from '../arm/arm-types.js';
import type { PlanArm } from '../plan/build-plan.js';
import { ExperimentSlots } from './experiment-slots.js';

vi.mock('../arm/run-arm.js', () => ({
  buildArmContext: () => ({}),
  // sim-a's arms cannot run (an infrastructure failure); sim-b's run.
  runArm: async (job: ArmJob) =>
    ({
      arm_index: job.arm.arm_index,
      provider: job.arm.provider,
      infra_failure: job.arm.provider === 'sim-a' ? 'the back end answered none of its requests' : null,
    }) as ArmResult,
}));

const arms = (['sim-a', 'sim-b', 'sim-a', 'sim-b'] as const).map((provider, arm_index) => ({ arm_index, provider }) as PlanArm);

function runSlots(keepGoing: boolean, skipProviders?: Map<string, string>) {
  const slots = new ExperimentSlots({
    parallel: 1,
    services: { budget: { tracker: { checkBlocked: () => null } } } as never,
    emit: () => undefined,
    prepare: (arm) => ({ arm, task: { meta: { id: `task-${arm.arm_index}` } } }) as unknown as ArmJob,
    keepGoing,
    skipProviders,
  });
  return slots.runAll([...arms]).then(() => slots);
}

describe('ExperimentSlots and infrastructure failures', () => {
  it('stops launching arms after the first, naming it and how to go on', async () => {
    const slots = await runSlots(false);
    expect(slots.results.map((result) => result.arm_index)).toEqual([0]);
    expect(slots.stoppedBy).toMatch(
      /^infrastructure failure \(sim-a on task-0\): the back end answered none of its requests; .*--keep-going/,
    );
  });
  it('with keepGoing skips that provider and runs the others', async () => {
    const slots = await runSlots(true);
    expect(slots.results.map((result) => result.arm_index)).toEqual([0, 1, 3]);
    expect(slots.stoppedBy).toBeNull();
    expect([...slots.skipped.keys()]).toEqual(['sim-a']);
  });
  it('never starts an arm of a provider the preflight skipped', async () => {
    const slots = await runSlots(false, new Map([['sim-a', 'its claude CLI did not start']]));
    expect(slots.results.map((result) => result.arm_index)).toEqual([1, 3]);
  });
});
