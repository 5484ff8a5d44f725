// Runs one arm end to end as named, timed phases: sandbox, before, agent, tests, churn, after, window.
import { join } from 'node:path';
import type { StampContext } from '../../ledger/index.js';
import { runAcceptanceTests } from '../acceptance/run-acceptance-tests.js';
import { refreshDataDirs } from '../isolation/build-isolation-plan.js';
import { reclaimSandbox } from '../isolation/wrap-command.js';
import { commitAgentWork, restoreRunnerGitConfig } from '../sandbox/commit-work.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import { applyTaskSetup, prepareTaskSetup, restoreTaskSetup } from '../task-bank/task-setup.js';
import { createArmCaptures } from './arm-captures.js';
import { type ArmContext, countTokens } from './arm-context.js';
import { createPhaseClock, type PhaseClock } from './arm-phases.js';
import type { ArmJob, ArmResult, ArmServices } from './arm-types.js';
import { readSubagentEnd } from './capture-subagent-capacity.js';
import { recordArmFailure, recordArmSummary, recordTestEvidence } from './record-arm-evidence.js';
import { recordArmChurn } from './record-arm-churn.js';
import { runArmAgent } from './run-arm-agent.js';
import { recordArmWindow, takeArmAfter } from './run-arm-ends.js';

export { buildArmContext } from './build-arm-context.js';

/** The longest the hidden tests of one arm may run. */
const ACCEPTANCE_TIMEOUT_MS = 120_000;

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

async function runArmPhases(job: ArmJob, services: ArmServices, phases: PhaseClock): Promise<ArmResult> {
  const started = performance.now();
  const { arm, task, profile } = job;
  // A queue worker's arm writes under its claim (claimFence): once another worker has claimed the arm, a late capture
  // of this attempt is refused, so the take-over, which reads the attempt's captures after its claim, sees them all
  // and no late before can block its own (at a load of 25, "already has a before in window ...").
  const stamp: StampContext = { agentId: job.agentId, source: 'runner', fence: services.claimFence };
  const notes: string[] = [];
  const activity = (stage: 'sandbox' | 'before' | 'tests' | 'after'): void => services.onActivity?.(job, { stage });
  const passEnv = pickEnv(services.env, profile.pass_env);

  activity('sandbox');
  // A data dir made since the run's last search (another experiment started meanwhile) is hidden from this arm too.
  await phases.run('sandbox', () => refreshDataDirs(services.isolation));
  const sandbox = await phases.run('sandbox', () =>
    createSandbox({
      fixtureDir: task.fixture,
      taskId: task.meta.id,
      parentDir: services.sandboxParent,
      keep: services.keepSandboxes,
    }),
  );
  try {
    // Dependencies installed once per set-up and manifests (cached); failing here fails the arm before its agent starts.
    const setupTree = await phases.run('sandbox', () =>
      prepareTaskSetup(task, {
        cacheDir: services.setup?.cacheDir ?? join(services.dataDir, 'task-setup'),
        isolation: services.isolation,
        allowNetwork: services.setup?.allowNetwork,
        npmCache: services.setup?.npmCache,
      }),
    );
    if (setupTree) applyTaskSetup(setupTree, task.fixture, sandbox.workDir);
    const ctx: ArmContext = {
      job,
      services,
      stamp,
      sandbox,
      passEnv,
      notes,
      captures: createArmCaptures(job, services, stamp, passEnv, notes),
    };
    const timeoutMs = services.timeoutMs ?? task.meta.timeout_s * 1000;
    activity('before');
    const subQuota = services.subagentQuotas?.get(arm.provider);
    const ends = await phases.run('before', async () => ({
      // The reset must not fall anywhere in the arm: the agent, its hidden tests, and the after (a minute is plenty).
      before: await ctx.captures.captureBefore(timeoutMs + ACCEPTANCE_TIMEOUT_MS + 60_000, (step) => services.onActivity?.(job, step)),
      subBefore: subQuota ? await readSubagentEnd(subQuota, services.dataDir, stamp, job.windowId, notes) : null,
      after: null,
      subAfter: null,
    }));
    const agent = await phases.run('agent', () =>
      runArmAgent(ctx, timeoutMs, ends.before.outcome !== null && ends.before.outcome !== undefined),
    );

    activity('tests');
    // From here on the agent has had the arm folder: the runner's git runs inside the isolation, not as the runner.
    const confine = { isolation: services.isolation, writable: sandbox.root };
    const commitEnd = await phases.run('tests', () =>
      commitAgentWork(sandbox.workDir, `agent: ${arm.provider} on ${task.meta.id} (${job.windowId})`, confine),
    );
    if (setupTree) restoreTaskSetup(setupTree, task.fixture, sandbox.workDir);
    const tests = await phases.run('tests', () =>
      runAcceptanceTests({
        workDir: sandbox.workDir,
        testsDir: task.tests,
        test: task.meta.test,
        language: task.meta.language,
        homeDir: sandbox.homeDir,
        timeoutMs: ACCEPTANCE_TIMEOUT_MS,
        isolation: services.isolation,
        sandboxRoot: sandbox.root,
        lists: task.meta.fail_to_pass ? { fail_to_pass: task.meta.fail_to_pass, pass_to_pass: task.meta.pass_to_pass ?? [] } : undefined,
        measure: services.quality ?? 'resolved',
      }),
    );
    if (tests.note) notes.push(tests.note);
    restoreRunnerGitConfig(sandbox.workDir); // the hidden tests ran the agent's code, which may have rewritten it
    const churn = await phases.run('churn', () =>
      recordArmChurn(services.dataDir, job, sandbox.workDir, sandbox.commitStart, commitEnd, confine),
    );
    // The diff, per-test verdicts and log, timed with churn (the same git, in the same confinement).
    await phases.run('churn', () =>
      recordTestEvidence(
        services.dataDir,
        job,
        tests,
        { workDir: sandbox.workDir, commitStart: sandbox.commitStart, commitEnd, confine },
        notes,
      ),
    );

    activity('after');
    const taken = await phases.run('after', () => takeArmAfter(ctx, ends, agent));
    const identity = tests.identity;
    const testsLine = identity
      ? `fail_to_pass ${identity.fail_to_pass.passed}/${identity.fail_to_pass.total}, pass_to_pass ${identity.pass_to_pass.passed}/${identity.pass_to_pass.total}, ${identity.resolved ? 'resolved' : 'not resolved'} (quality: ${identity.measure})`
      : `tests ${tests.passed}/${tests.total} (scored by counts: the task names no fail_to_pass tests)`;
    const windowTests = identity && {
      fail_to_pass: identity.fail_to_pass,
      pass_to_pass: identity.pass_to_pass,
      resolved: identity.resolved,
      broken: identity.broken.slice(0, 50),
    };
    const { window, outcome } = await phases.run('window', () =>
      recordArmWindow(ctx, taken, agent, { quality: tests.quality, testsLine, commitEnd, phases: phases.describe(), tests: windowTests }),
    );
    if (!services.keepSandboxes) removeSandbox(sandbox.root);
    else reclaimSandbox(services.isolation, sandbox.root);
    const duration = performance.now() - started;
    const agentMs = phases.ms.agent ?? 0;
    const testsMs = phases.ms.tests ?? 0;
    const result: ArmResult = {
      arm_index: arm.arm_index,
      period: arm.period,
      sequence: arm.sequence,
      task_id: task.meta.id,
      provider: arm.provider,
      window_id: job.windowId,
      agent_id: job.agentId,
      attempt: job.attempt,
      agent_outcome: agent.agent.outcome,
      outcome: window ? outcome : 'abandoned',
      // The window's: 0 for an arm stopped at its task budget, whatever its tests said (run-arm-ends.ts).
      quality: window?.quality_score ?? tests.quality,
      tests: { total: tests.total, passed: tests.passed, failed: tests.failed },
      ...(identity ? { resolved: identity.resolved, broken: identity.broken } : {}),
      capacity_delta: window?.capacity?.delta ?? null,
      capacity_unit: window?.capacity?.unit ?? null,
      tokens: countTokens(agent.agent.usage),
      commit_start: sandbox.commitStart,
      commit_end: commitEnd,
      churn: { files: churn.filesChanged, insertions: churn.insertions, deletions: churn.deletions },
      errors: window?.errors ?? [],
      anomalies: (taken.before.outcome?.anomalies.length ?? 0) + (taken.after?.outcome?.anomalies.length ?? 0),
      notes,
      infra_failure: agent.infraFailure,
      provider_refusal: agent.refusal,
      duration_ms: Math.round(duration),
      agent_ms: Math.round(agentMs),
      tests_ms: Math.round(testsMs),
      overhead_ms: Math.round(duration - agentMs - testsMs),
      phases_ms: roundPhases(phases),
    };
    await recordArmSummary(services.dataDir, job, result, services.isolation);
    return result;
  } finally {
    // Already gone on success (its removal counts as overhead); here for an arm that threw.
    if (!services.keepSandboxes) removeSandbox(sandbox.root);
  }
}

function roundPhases(phases: PhaseClock): Record<string, number> {
  return Object.fromEntries(Object.entries(phases.ms).map(([phase, ms]) => [phase, Math.round(ms)]));
}

/** Only the variables a profile names, and only those set. */
function pickEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (env[name] !== undefined) picked[name] = env[name] as string;
  return picked;
}
