// Runs one arm end to end: sandbox, before, agent, commit, hidden tests, churn, after, finalized window.
import { readFileSync } from 'node:fs';
import { completeWindow, redactText, type StampContext } from '../../ledger/index.js';
import type { ChargeContext, UsageDelta } from '../../budget/index.js';
import { runAcceptanceTests } from '../acceptance/run-acceptance-tests.js';
import { runAgentWithBudget } from '../budget/run-agent-with-budget.js';
import { handOverSandbox, reclaimSandbox, wrapCommand } from '../isolation/wrap-command.js';
import { commitAgentWork, restoreRunnerGitConfig } from '../sandbox/commit-work.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import { registerSandbox, unregisterSandbox } from '../sandbox/sandbox-registry.js';
import { createArmCaptures } from './arm-captures.js';
import { buildSubagentCapacity, readSubagentEnd } from './capture-subagent-capacity.js';
import { captureTokenWindow } from './capture-token-window.js';
import type { CaptureResult } from './capture-window-end.js';
import { ArmRefusedError } from './arm-refused-error.js';
import type { ArmJob, ArmResult, ArmServices } from './arm-types.js';
import { buildArmPrompt } from './build-arm-prompt.js';
import { decideArmOutcome } from './decide-arm-outcome.js';
import { findBudgetStop } from './find-budget-stop.js';
import { flushProxy } from './probe-capacity.js';
import { recordArmChurn } from './record-arm-churn.js';

/** The longest the hidden tests of one arm may run. */
const ACCEPTANCE_TIMEOUT_MS = 120_000;

export async function runArm(job: ArmJob, services: ArmServices): Promise<ArmResult> {
  const started = performance.now();
  const { arm, task, profile } = job;
  const stamp: StampContext = { agentId: job.agentId, source: 'runner' };
  const notes: string[] = [];
  const activity = services.onActivity ?? (() => undefined);
  const driver = services.drivers[profile.driver];
  const passEnv = pickEnv(services.env, profile.pass_env);

  activity(job, { stage: 'sandbox' });
  const sandbox = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: services.sandboxParent });
  if (!services.keepSandboxes) registerSandbox(services.dataDir, sandbox.root);
  try {
    activity(job, { stage: 'before' });
    const captures = createArmCaptures(job, services, stamp, passEnv, notes);
    const timeoutMs = services.timeoutMs ?? task.meta.timeout_s * 1000;
    // The reset must not fall anywhere in the arm: the agent, its hidden tests, and the after (a minute is plenty).
    let before = await captures.captureBefore(timeoutMs + ACCEPTANCE_TIMEOUT_MS + 60_000, (step) => activity(job, step));

    const subQuota = services.subagentQuotas?.get(arm.provider);
    const subBefore = subQuota ? await readSubagentEnd(subQuota, services.dataDir, stamp, job.windowId, notes) : null;

    const agentStarted = performance.now();
    const agentStartedAt = Date.now();
    const launch = driver.prepare({
      workDir: sandbox.workDir,
      homeDir: sandbox.homeDir,
      prompt: buildArmPrompt(task.meta.id, task.meta.title, readFileSync(task.spec, 'utf8')),
      proxyUrl: services.proxyUrl,
      model: profile.model,
      headers: { 'x-tracker-agent': job.agentId, 'x-tracker-feature': task.meta.id, 'x-tracker-provider': arm.provider, 'x-tracker-window': job.windowId },
      passEnv,
      command: profile.command,
      subagentModel: profile.subagent_requests === true ? `${profile.model}-haiku` : undefined,
      isolated: services.isolation?.mode === 'bwrap',
    });
    handOverSandbox(services.isolation, sandbox.root); // the driver's config files included
    let sandboxFailure: string | null = null;
    activity(job, { stage: 'agent', tokens: 0 });
    const agent = await runAgentWithBudget({
      ...wrapCommand(services.isolation, launch, { writable: sandbox.root, shareNet: true }),
      onLine: (line) => void (sandboxFailure ??= driver.findSandboxFailure?.(line) ?? null),
      context: buildArmContext(job),
      tracker: services.budget.tracker,
      graceMs: services.budget.graceMs,
      timeoutMs,
      onEvent: (event) => services.budget.record(event, job),
      onUsage: (usage) => activity(job, { stage: 'agent', tokens: countTokens(usage) }),
    });
    const agentMs = performance.now() - agentStarted;
    driver.removeSecrets?.(sandbox.homeDir);
    await flushProxy(services.proxyUrl);
    // The proxy enforces the same budgets on every request: its refusal or cut ended this agent, whatever its exit code says.
    const proxyStop = agent.outcome === 'budget-exceeded' ? null : findBudgetStop(services.dataDir, job.windowId);
    if (agent.stoppedBy?.type === 'refused' || (proxyStop?.event === 'refused' && countTokens(agent.usage) === 0)) {
      // Refused before doing anything (a parallel arm or a long reset wait spent the budget): no window, the arm stays pending.
      if (before.outcome) captures.undoBefore('a block budget refused the agent before it did any work');
      throw new ArmRefusedError(`budget spent: ${proxyStop?.text ?? agent.stoppedBy?.detail ?? 'the agent was refused'}`);
    }
    if (agent.outcome !== 'success') notes.push(`agent ${agent.outcome} (exit ${agent.exitCode ?? '-'}${agent.signal ? `, ${agent.signal}` : ''})${agent.stderrTail ? `: ${redactText(agent.stderrTail.split('\n').at(-1) ?? '')}` : ''}`);

    const commitEnd = await commitAgentWork(sandbox.workDir, `agent: ${arm.provider} on ${task.meta.id} (${job.windowId})`);
    activity(job, { stage: 'tests' });
    const testsStarted = performance.now();
    const tests = await runAcceptanceTests({ workDir: sandbox.workDir, testsDir: task.tests, homeDir: sandbox.homeDir, timeoutMs: ACCEPTANCE_TIMEOUT_MS, isolation: services.isolation, sandboxRoot: sandbox.root });
    const testsMs = performance.now() - testsStarted;
    if (tests.note) notes.push(tests.note);
    restoreRunnerGitConfig(sandbox.workDir); // the hidden tests ran the agent's code, which may have rewritten it
    const churn = await recordArmChurn(services.dataDir, job, sandbox.workDir, sandbox.commitStart, commitEnd);

    activity(job, { stage: 'after' });
    if (!before.outcome) {
      // No bars before the agent ran (the probe failed and the provider had none yet): its first response opens the window.
      before = await captures.captureDeferredBefore();
      if (before.outcome) notes.push('before taken from the agent\'s first response (no earlier reading)');
    }
    let after = before.outcome ? await captures.captureAfter() : null;
    if (!before.outcome) {
      const counted = captureTokenWindow({ dataDir: services.dataDir, stamp, provider: arm.provider, windowId: job.windowId, startedAt: new Date(agentStartedAt), endedAt: new Date(), before: services.tokenTally?.get(arm.provider) ?? 0, used: countTokens(agent.usage) });
      before = counted.before;
      after = counted.after;
      notes.push('no bars from the quota endpoint, a probe or the agent\'s responses: capacity counted in tokens at the proxy');
    }
    services.tokenTally?.set(arm.provider, (services.tokenTally.get(arm.provider) ?? 0) + countTokens(agent.usage));
    const subAfter = subQuota && subBefore ? await readSubagentEnd(subQuota, services.dataDir, stamp, job.windowId, notes) : null;
    if (after?.forced) notes.push('after forced past the reset buffer (late-after)');
    const quality = tests.quality;
    if (proxyStop) notes.push(proxyStop.text);
    const outcome = decideArmOutcome(proxyStop ? 'budget-exceeded' : agent.outcome, quality);
    const basis = `bars: before ${before.basis}, after ${after?.basis ?? 'none'}`;
    let window = null;
    // A command that failed in a sandbox is an infrastructure failure, never the provider's: no window, the arm stays pending.
    if (sandboxFailure) notes.push(`${sandboxFailure}: not scored (an infrastructure failure); the window was not recorded`);
    if (before.outcome && after?.outcome && !sandboxFailure) {
      window = completeWindow(services.dataDir, stamp, {
        provider: arm.provider,
        windowId: job.windowId,
        quality,
        outcome,
        featureId: task.meta.id,
        commitStart: sandbox.commitStart,
        commitEnd,
        methodology: services.describeMethodology(job, await driver.readVersion(profile.command), describeCapacitySource(before.basis, after.basis)),
        notes: [basis, `tests ${tests.passed}/${tests.total}`, ...notes].join('; '),
        experiment: { sequence: arm.sequence, period: arm.period, planId: job.planId },
        subscription: services.subscriptions?.get(arm.provider),
        subagentCapacity: subQuota && subBefore && subAfter ? buildSubagentCapacity(subQuota, subBefore, subAfter) : undefined,
      });
    } else if (!sandboxFailure) {
      notes.push('no capacity reading at all: the window was not recorded (is the proxy reaching the back end?)');
    }
    if (!services.keepSandboxes) removeArmSandbox(services.dataDir, sandbox.root);
    else reclaimSandbox(services.isolation, sandbox.root);
    const duration = performance.now() - started;
    return {
      arm_index: arm.arm_index,
      period: arm.period,
      sequence: arm.sequence,
      task_id: task.meta.id,
      provider: arm.provider,
      window_id: job.windowId,
      agent_id: job.agentId,
      attempt: job.attempt,
      agent_outcome: agent.outcome,
      outcome: window ? outcome : 'abandoned',
      quality,
      tests: { total: tests.total, passed: tests.passed, failed: tests.failed },
      capacity_delta: window?.capacity?.delta ?? null,
      tokens: countTokens(agent.usage),
      commit_start: sandbox.commitStart,
      commit_end: commitEnd,
      churn: { files: churn.filesChanged, insertions: churn.insertions, deletions: churn.deletions },
      errors: window?.errors ?? [],
      anomalies: (before.outcome?.anomalies.length ?? 0) + (after?.outcome?.anomalies.length ?? 0),
      notes,
      duration_ms: Math.round(duration),
      agent_ms: Math.round(agentMs),
      tests_ms: Math.round(testsMs),
      overhead_ms: Math.round(duration - agentMs - testsMs),
    };
  } finally {
    // Already gone on success (its removal counts as overhead); here for an arm that threw.
    if (!services.keepSandboxes) removeArmSandbox(services.dataDir, sandbox.root);
  }
}

/** The methodology's capacity clause: where the before and the after were read. */
function describeCapacitySource(before: CaptureResult['basis'], after: CaptureResult['basis']): string {
  const words: Record<CaptureResult['basis'], string> = {
    quota: "the provider's quota endpoint (no request spent)",
    probe: 'proxy rate-limit headers of a one-token probe',
    'agent-traffic': "proxy rate-limit headers of the agent's own responses",
    'latest-reading': "the provider's latest proxy reading",
    tokens: 'tokens counted at the proxy (no bars: a token-metered back end)',
    none: 'nothing',
  };
  return before === after ? `capacity: ${words[before]}, before and after the agent` : `capacity: before from ${words[before]}, after from ${words[after]}`;
}

/** What an arm's usage is charged to, for the budgets. */
export function buildArmContext(job: ArmJob): ChargeContext {
  return { agent: job.agentId, command: null, provider: job.arm.provider, window: job.windowId, feature: job.task.meta.id, model: job.profile.model };
}

function removeArmSandbox(dataDir: string, root: string): void {
  removeSandbox(root);
  unregisterSandbox(dataDir, root);
}

function countTokens(usage: UsageDelta): number {
  return usage.input + usage.output + usage.cache_read + usage.cache_creation;
}

/** Only the variables a profile names, and only those set. */
function pickEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (env[name] !== undefined) picked[name] = env[name] as string;
  return picked;
}
