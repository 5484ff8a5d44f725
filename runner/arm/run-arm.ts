// Runs one arm end to end: sandbox, before, agent, commit, hidden tests, churn, after, finalized window.
import { readFileSync } from 'node:fs';
import { completeWindow, redactText, undoCapture, type StampContext } from '../../ledger/index.js';
import type { ChargeContext, UsageDelta } from '../../budget/index.js';
import { runAcceptanceTests } from '../acceptance/run-acceptance-tests.js';
import { runAgentWithBudget } from '../budget/run-agent-with-budget.js';
import { commitAgentWork } from '../sandbox/commit-work.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import { registerSandbox, unregisterSandbox } from '../sandbox/sandbox-registry.js';
import type { ArmJob, ArmResult, ArmServices } from './arm-types.js';
import { buildArmPrompt } from './build-arm-prompt.js';
import { captureWindowEnd, type CaptureRequest } from './capture-window-end.js';
import { computeResetWait } from './compute-reset-wait.js';
import { ArmRefusedError } from './arm-refused-error.js';
import { decideArmOutcome } from './decide-arm-outcome.js';
import { findBudgetStop } from './find-budget-stop.js';
import { recordArmChurn } from './record-arm-churn.js';
import { flushProxy, probeCapacity } from './probe-capacity.js';

export async function runArm(job: ArmJob, services: ArmServices): Promise<ArmResult> {
  const started = performance.now();
  const { arm, task, profile } = job;
  const stamp: StampContext = { agentId: job.agentId, source: 'runner' };
  const notes: string[] = [];
  const activity = services.onActivity ?? (() => undefined);
  const driver = services.drivers[profile.driver];
  const passEnv = pickEnv(services.env, profile.pass_env);
  const headers = { 'x-tracker-agent': job.agentId, 'x-tracker-feature': task.meta.id, 'x-tracker-provider': arm.provider };

  activity(job, { stage: 'sandbox' });
  const sandbox = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: services.sandboxParent });
  if (!services.keepSandboxes) registerSandbox(services.dataDir, sandbox.root);
  try {
    activity(job, { stage: 'before' });
    const capture = async (phase: 'before' | 'after'): Promise<Awaited<ReturnType<typeof captureWindowEnd>>> => {
      const probeWindowId = `${job.windowId}.${phase}`;
      const api = profile.driver === 'codex' ? 'responses' : 'messages';
      // Only the key of the probe's own API: an Anthropic key must never be sent towards OpenAI, or the reverse.
      const apiKey = api === 'responses' ? passEnv.OPENAI_API_KEY : passEnv.ANTHROPIC_API_KEY;
      const probe = await probeCapacity({ proxyUrl: services.proxyUrl, api, model: profile.model, headers: { ...headers, 'x-tracker-window': probeWindowId }, apiKey });
      if (phase === 'before' && probe.budgetSpent) throw new ArmRefusedError(`budget spent, the proxy refused the arm's first request (${probe.detail})`);
      if (!probe.ok) notes.push(`${phase} probe failed (${probe.detail})`);
      const request: CaptureRequest = { dataDir: services.dataDir, stamp, provider: arm.provider, windowId: job.windowId, phase, probeWindowId: probe.ok ? probeWindowId : null, flush: () => flushProxy(services.proxyUrl) };
      return captureWindowEnd(request);
    };
    let before = await capture('before');
    const timeoutMs = services.timeoutMs ?? task.meta.timeout_s * 1000;
    const wait = before.outcome ? computeResetWait(before.outcome.row.bars, Date.now(), timeoutMs) : 0;
    if (wait > 0) {
      undoCapture(services.dataDir, stamp, { provider: arm.provider, windowId: job.windowId, phase: 'before', reason: 'the 5h bar resets while the arm may run: waiting out the reset buffer' });
      notes.push(`waited ${Math.round(wait / 1000)} s for the 5h reset and its buffer`);
      activity(job, { stage: 'waiting' });
      await new Promise((resolve) => setTimeout(resolve, wait));
      before = await capture('before');
    }

    const agentStarted = performance.now();
    const launch = driver.prepare({
      workDir: sandbox.workDir,
      homeDir: sandbox.homeDir,
      prompt: buildArmPrompt(task.meta.id, task.meta.title, readFileSync(task.spec, 'utf8')),
      proxyUrl: services.proxyUrl,
      model: profile.model,
      headers: { ...headers, 'x-tracker-window': job.windowId },
      passEnv,
      command: profile.command,
    });
    activity(job, { stage: 'agent', tokens: 0 });
    const agent = await runAgentWithBudget({
      ...launch,
      context: buildArmContext(job),
      tracker: services.budget.tracker,
      graceMs: services.budget.graceMs,
      timeoutMs,
      onEvent: (event) => services.budget.record(event, job),
      onUsage: (usage) => activity(job, { stage: 'agent', tokens: countTokens(usage) }),
    });
    const agentMs = performance.now() - agentStarted;
    driver.removeSecrets?.(sandbox.homeDir);
    if (agent.outcome !== 'success') notes.push(`agent ${agent.outcome} (exit ${agent.exitCode ?? '-'}${agent.signal ? `, ${agent.signal}` : ''})${agent.stderrTail ? `: ${redactText(agent.stderrTail.split('\n').at(-1) ?? '')}` : ''}`);

    const commitEnd = await commitAgentWork(sandbox.workDir, `agent: ${arm.provider} on ${task.meta.id} (${job.windowId})`);
    activity(job, { stage: 'tests' });
    const testsStarted = performance.now();
    const tests = await runAcceptanceTests({ workDir: sandbox.workDir, testsDir: task.tests, homeDir: sandbox.homeDir, timeoutMs: 120_000 });
    const testsMs = performance.now() - testsStarted;
    if (tests.note) notes.push(tests.note);
    const churn = await recordArmChurn(services.dataDir, job, sandbox.workDir, sandbox.commitStart, commitEnd);

    activity(job, { stage: 'after' });
    if (!before.outcome) {
      // No bars before the agent ran (the probe failed and the provider had none yet): its first response opens the window.
      before = await captureWindowEnd({ dataDir: services.dataDir, stamp, provider: arm.provider, windowId: job.windowId, phase: 'before', probeWindowId: null, flush: () => flushProxy(services.proxyUrl) });
      if (before.outcome) notes.push('before taken from the agent\'s first response (no earlier reading)');
    }
    const after = before.outcome ? await capture('after') : null;
    if (after?.forced) notes.push('after forced past the reset buffer (late-after)');
    const quality = tests.quality;
    // The proxy enforces the same budgets on every request: its refusal or cut ended this agent, whatever its exit code says.
    const proxyStop = agent.outcome === 'success' || agent.outcome === 'fail' ? findBudgetStop(services.dataDir, job.windowId) : null;
    if (proxyStop) notes.push(proxyStop);
    const outcome = decideArmOutcome(proxyStop ? 'budget-exceeded' : agent.outcome, quality);
    const basis = `bars: before ${before.basis}, after ${after?.basis ?? 'none'}`;
    let window = null;
    if (before.outcome && after?.outcome) {
      window = completeWindow(services.dataDir, stamp, {
        provider: arm.provider,
        windowId: job.windowId,
        quality,
        outcome,
        featureId: task.meta.id,
        commitStart: sandbox.commitStart,
        commitEnd,
        methodology: services.describeMethodology(job, await driver.readVersion(profile.command)),
        notes: [basis, `tests ${tests.passed}/${tests.total}`, ...notes].join('; '),
        experiment: { sequence: arm.sequence, period: arm.period, planId: job.planId },
      });
    } else {
      notes.push('no capacity reading at all: the window was not recorded (is the proxy reaching the back end?)');
    }
    if (!services.keepSandboxes) removeArmSandbox(services.dataDir, sandbox.root);
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
