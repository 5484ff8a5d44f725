// The after and window phases of an arm: the after capture (or a token-counted window), then the finalized window.
import { completeWindow, retractAttempt, type WindowRow, type WindowTests } from '../../ledger/index.js';
import { FENCE_REFUSED, withLedgerFence } from '../../ledger/pg/index.js';
import { isAppError } from '../../kernel/index.js';
import { isTaskBudget } from '../../budget/index.js';
import { type ArmContext, countTokens } from './arm-context.js';
import type { AgentPhase } from './run-arm-agent.js';
import { buildSubagentCapacity, readSubagentEnd } from './capture-subagent-capacity.js';
import { captureTokenWindow } from './capture-token-window.js';
import type { CaptureResult } from './capture-window-end.js';
import { decideArmOutcome } from './decide-arm-outcome.js';

export interface ArmEnds {
  before: CaptureResult;
  after: CaptureResult | null;
  subBefore: Awaited<ReturnType<typeof readSubagentEnd>> | null;
  subAfter: Awaited<ReturnType<typeof readSubagentEnd>> | null;
}

/** The after; without any before bars, the window's capacity is counted in tokens at the proxy instead. */
export async function takeArmAfter(ctx: ArmContext, ends: ArmEnds, agent: AgentPhase): Promise<ArmEnds> {
  const { job, services, stamp, notes, captures } = ctx;
  const provider = job.arm.provider;
  let { before } = ends;
  if (!before.outcome) {
    // No bars before the agent ran (the probe failed and the provider had none yet): its first response opens the window.
    before = await captures.captureDeferredBefore();
    if (before.outcome) notes.push("before taken from the agent's first response (no earlier reading)");
  }
  let after = before.outcome ? await captures.captureAfter() : null;
  const used = countTokens(agent.agent.usage);
  if (!before.outcome) {
    const counted = captureTokenWindow({
      dataDir: services.dataDir,
      stamp,
      provider,
      windowId: job.windowId,
      startedAt: agent.startedAt,
      endedAt: new Date(),
      before: services.tokenTally?.get(provider) ?? 0,
      used,
    });
    before = counted.before;
    after = counted.after;
    notes.push("no bars from the quota endpoint, a probe or the agent's responses: capacity counted in tokens at the proxy");
  }
  services.tokenTally?.set(provider, (services.tokenTally.get(provider) ?? 0) + used);
  const subQuota = services.subagentQuotas?.get(provider);
  const subAfter = subQuota && ends.subBefore ? await readSubagentEnd(subQuota, services.dataDir, stamp, job.windowId, notes) : null;
  if (after?.forced) notes.push('after forced past the reset buffer (late-after)');
  return { before, after, subBefore: ends.subBefore, subAfter };
}

/** Finalizes the window, or says in the notes why there is none (the arm then stays pending). */
export async function recordArmWindow(
  ctx: ArmContext,
  ends: ArmEnds,
  agent: AgentPhase,
  result: { quality: number; testsLine: string; commitEnd: string; phases: string; tests?: WindowTests | undefined },
): Promise<{ window: WindowRow | null; outcome: ReturnType<typeof decideArmOutcome> }> {
  const { job, services, stamp, notes, sandbox } = ctx;
  const { arm, task, profile } = job;
  const { before, after, subBefore, subAfter } = ends;
  if (agent.proxyStop) notes.push(agent.proxyStop.text);
  // An arm stopped at the plan's task budget is a failure by the plan's estimand, whatever its tests said (they stay in
  // the notes and the evidence): it cost what it used and did no work that counts (ADR 0041).
  const budgetStop = agent.agent.stoppedBy !== null && isTaskBudget(agent.agent.stoppedBy.budget);
  if (budgetStop)
    notes.push(`stopped at its task budget (${agent.agent.stoppedBy?.budget}): quality 0 by the plan's estimand, tests ${result.quality}`);
  const quality = budgetStop ? 0 : result.quality;
  const outcome = decideArmOutcome(agent.proxyStop ? 'budget-exceeded' : agent.agent.outcome, quality);
  // A command that failed in a sandbox is an infrastructure failure, never the provider's: no window, the arm stays pending.
  if (agent.infraFailure) notes.push(`${agent.infraFailure}: not scored (an infrastructure failure); the window was not recorded`);
  if (!before.outcome || !after?.outcome || agent.infraFailure) {
    if (!agent.infraFailure) notes.push('no capacity reading at all: the window was not recorded (is the proxy reaching the back end?)');
    return { window: null, outcome };
  }
  const subQuota = services.subagentQuotas?.get(arm.provider);
  const driver = services.drivers[profile.driver];
  const methodology = services.describeMethodology(
    job,
    await driver.readVersion(profile.command),
    describeCapacitySource(before.basis, after.basis),
  );
  const complete = (): WindowRow =>
    completeWindow(services.dataDir, stamp, {
      provider: arm.provider,
      windowId: job.windowId,
      quality,
      tests: result.tests,
      outcome,
      featureId: task.meta.id,
      commitStart: sandbox.commitStart,
      commitEnd: result.commitEnd,
      methodology,
      notes: [`bars: before ${before.basis}, after ${after.basis}`, result.testsLine, ...notes, result.phases].join('; '),
      // The epoch only for repeated plans: a plan without epochs writes the same window rows as before.
      experiment: {
        sequence: arm.sequence,
        period: arm.period,
        planId: job.planId,
        ...((job.epochs ?? 1) > 1 ? { epoch: arm.epoch } : {}),
      },
      subscription: services.subscriptions?.get(arm.provider),
      subagentCapacity: subQuota && subBefore && subAfter ? buildSubagentCapacity(subQuota, subBefore, subAfter) : undefined,
    });
  const fence = services.completionFence;
  if (!fence) return { window: complete(), outcome };
  try {
    return { window: withLedgerFence(fence, complete), outcome };
  } catch (error) {
    if (!isAppError(error, FENCE_REFUSED)) throw error;
    notes.push(`${error.toLine()}: the window was not recorded`);
    retractLostAttempt(ctx);
    return { window: null, outcome };
  }
}

/**
 * A completion its fence refused (the queue gave the arm to another worker): this attempt's captures are taken
 * back, after then before, so nothing of it stays open. The worker that took the arm over may be retracting them at
 * the same moment: whichever comes second finds nothing live and writes nothing (retractAttempt).
 */
function retractLostAttempt(ctx: ArmContext): void {
  const { job, services, stamp } = ctx;
  // Not under the claim's fence, which the other worker's claim now refuses: settling one's own attempt is always safe.
  retractAttempt(
    services.dataDir,
    { agentId: stamp.agentId, source: stamp.source },
    {
      provider: job.arm.provider,
      windowId: job.windowId,
      reason: 'the arm was given to another worker while this attempt ran',
    },
  );
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
  return before === after
    ? `capacity: ${words[before]}, before and after the agent`
    : `capacity: before from ${words[before]}, after from ${words[after]}`;
}
