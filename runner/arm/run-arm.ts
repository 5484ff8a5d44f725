// Runs one arm end to end as named, timed phases: sandbox, before, agent, tests, churn, after, window.
import { join } from 'node:path';
import type { StampContext } from '../../ledger/index.js';
import { refreshDataDirs } from '../isolation/build-isolation-plan.js';
import { reclaimSandbox } from '../isolation/wrap-command.js';
import { createSandbox, removeSandbox, type Sandbox } from '../sandbox/create-sandbox.js';
import { applyTaskSetup, prepareTaskSetup } from '../task-bank/task-setup.js';
import { createArmCaptures } from './arm-captures.js';
import type { ArmContext } from './arm-context.js';
import { createPhaseClock, type PhaseClock } from './arm-phases.js';
import type { ArmJob, ArmResult, ArmServices } from './arm-types.js';
import { buildArmResult, describeArmTests, roundPhases } from './build-arm-result.js';
import { readSubagentEnd } from './capture-subagent-capacity.js';
import { recordArmFailure, recordArmSummary } from './record-arm-evidence.js';
import { type AgentPhase, runArmAgent } from './run-arm-agent.js';
import { type ArmEnds, recordArmWindow, takeArmAfter } from './run-arm-ends.js';
import { ACCEPTANCE_TIMEOUT_MS, recordArmWork, runArmTests, type TestedWork } from './run-arm-tests.js';

export { buildArmContext } from './build-arm-context.js';

type ArmStage = 'sandbox' | 'before' | 'tests' | 'after';

export async function runArm(job: ArmJob, services: ArmServices): Promise<ArmResult> {
  const phases = createPhaseClock();
  try {
    return await runArmPhases(job, services, phases);
  } catch (error) {
    // An arm that stops before its result (sandbox, set-up, a refusal) still says why in its evidence.
    recordArmFailure(services.dataDir, job, services.isolation, error, roundPhases(phases));
    throw error;
  }
}

/** The arm's phases in their order; each one is timed, and fails with its own kind (arm-phases.ts). */
async function runArmPhases(job: ArmJob, services: ArmServices, phases: PhaseClock): Promise<ArmResult> {
  const started = performance.now();
  const sandbox = await openArmSandbox(job, services, phases);
  try {
    const setupTree = await prepareArmSetup(job, services, phases, sandbox);
    const ctx = buildPhaseContext(job, services, sandbox);
    const timeoutMs = services.timeoutMs ?? job.task.meta.timeout_s * 1000;
    const ends = await takeArmBefore(ctx, timeoutMs, phases);
    const agent = await phases.run('agent', () =>
      runArmAgent(ctx, timeoutMs, ends.before.outcome !== null && ends.before.outcome !== undefined),
    );
    reportStage(ctx, 'tests');
    const tested = await runArmTests(ctx, setupTree, phases);
    const churn = await recordArmWork(ctx, tested, phases);
    const { taken, window, outcome } = await closeArmWindow(ctx, ends, agent, tested, phases);
    // Its removal counts as overhead.
    if (!services.keepSandboxes) removeSandbox(sandbox.root);
    else reclaimSandbox(services.isolation, sandbox.root);
    const duration = performance.now() - started;
    const { notes } = ctx;
    const result = buildArmResult({ job, sandbox, agent, ...tested, churn, taken, window, outcome, notes, duration }, phases);
    await recordArmSummary(services.dataDir, job, result, services.isolation);
    return result;
  } finally {
    // Already gone on success; here for an arm that threw.
    if (!services.keepSandboxes) removeSandbox(sandbox.root);
  }
}

function reportStage({ job, services }: Pick<ArmContext, 'job' | 'services'>, stage: ArmStage): void {
  services.onActivity?.(job, { stage });
}

/** The sandbox phase's first half: a fresh git repo from the task's fixture. */
async function openArmSandbox(job: ArmJob, services: ArmServices, phases: PhaseClock): Promise<Sandbox> {
  reportStage({ job, services }, 'sandbox');
  // A data dir made since the run's last search (another experiment started meanwhile) is hidden from this arm too.
  await phases.run('sandbox', () => refreshDataDirs(services.isolation));
  return phases.run('sandbox', () =>
    createSandbox({
      fixtureDir: job.task.fixture,
      taskId: job.task.meta.id,
      parentDir: services.sandboxParent,
      keep: services.keepSandboxes,
    }),
  );
}

/** The sandbox phase's second half: the task's dependencies, installed once per set-up and manifests (cached). */
async function prepareArmSetup(job: ArmJob, services: ArmServices, phases: PhaseClock, sandbox: Sandbox): Promise<string | null> {
  const { task } = job;
  // Failing here fails the arm before its agent starts.
  const setupTree = await phases.run('sandbox', () =>
    prepareTaskSetup(task, {
      cacheDir: services.setup?.cacheDir ?? join(services.dataDir, 'task-setup'),
      isolation: services.isolation,
      allowNetwork: services.setup?.allowNetwork,
      npmCache: services.setup?.npmCache,
    }),
  );
  if (setupTree) applyTaskSetup(setupTree, task.fixture, sandbox.workDir);
  return setupTree;
}

/** What every later phase shares, with the captures its before and after use. */
function buildPhaseContext(job: ArmJob, services: ArmServices, sandbox: Sandbox): ArmContext {
  // A queue worker's arm writes under its claim (claimFence): once another worker has claimed the arm, a late capture
  // of this attempt is refused, so the take-over, which reads the attempt's captures after its claim, sees them all
  // and no late before can block its own (at a load of 25, "already has a before in window ...").
  const stamp: StampContext = { agentId: job.agentId, source: 'runner', fence: services.claimFence };
  const notes: string[] = [];
  const passEnv = pickEnv(services.env, job.profile.pass_env);
  return { job, services, stamp, sandbox, passEnv, notes, captures: createArmCaptures(job, services, stamp, passEnv, notes) };
}

/** The before phase: the provider's bars (and a sub-agent provider's) before the agent starts. */
async function takeArmBefore(ctx: ArmContext, timeoutMs: number, phases: PhaseClock): Promise<ArmEnds> {
  const { job, services, stamp, notes } = ctx;
  reportStage(ctx, 'before');
  const subQuota = services.subagentQuotas?.get(job.arm.provider);
  return phases.run('before', async () => ({
    // The reset must not fall anywhere in the arm: the agent, its hidden tests, and the after (a minute is plenty).
    before: await ctx.captures.captureBefore(timeoutMs + ACCEPTANCE_TIMEOUT_MS + 60_000, (step) => services.onActivity?.(job, step)),
    subBefore: subQuota ? await readSubagentEnd(subQuota, services.dataDir, stamp, job.windowId, notes) : null,
    after: null,
    subAfter: null,
  }));
}

/** The after and window phases: the after capture, then the window finalized with its tests and phase times. */
async function closeArmWindow(ctx: ArmContext, ends: ArmEnds, agent: AgentPhase, { tests, commitEnd }: TestedWork, phases: PhaseClock) {
  reportStage(ctx, 'after');
  const taken = await phases.run('after', () => takeArmAfter(ctx, ends, agent));
  const described = describeArmTests(tests);
  const { window, outcome } = await phases.run('window', () =>
    recordArmWindow(ctx, taken, agent, { quality: tests.quality, ...described, commitEnd, phases: phases.describe() }),
  );
  return { taken, window, outcome };
}

/** Only the variables a profile names, and only those set. */
function pickEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (env[name] !== undefined) picked[name] = env[name] as string;
  return picked;
}
