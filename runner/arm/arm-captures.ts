// An arm's two window ends: the provider's quota endpoint or probes through the proxy, the reset-buffer wait before it starts, and the after.
import { makeProbeWindowId, undoCapture, type ProbePhase, type StampContext } from '../../ledger/index.js';
import { hasBarHeaders } from '../../ledger/vocabulary/index.js';
import { findProfileProtocol } from '../../sources/agents/index.js';
import { createArmRefusedError } from './arm-refused-error.js';
import type { ArmActivity, ArmJob, ArmServices } from './arm-types.js';
import { captureFromQuota } from './capture-from-quota.js';
import { captureWindowEnd, type CaptureResult } from './capture-window-end.js';
import { computeResetWait } from './compute-reset-wait.js';
import { flushProxy, probeCapacity } from './probe-capacity.js';

export interface ArmCaptures {
  /** The before, after any wait for a 5h reset; throws an arm-refused AppError when a block budget refuses the probe. */
  captureBefore(timeoutMs: number, onActivity: (activity: ArmActivity) => void): Promise<CaptureResult>;
  /** A before from the agent's own first response, for an arm whose probe gave no bars at all. */
  captureDeferredBefore(): Promise<CaptureResult>;
  captureAfter(): Promise<CaptureResult>;
  /** Takes back a recorded before (an arm refused after it was taken leaves nothing behind). */
  undoBefore(reason: string): void;
}

export function createArmCaptures(
  job: ArmJob,
  services: ArmServices,
  stamp: StampContext,
  passEnv: Record<string, string>,
  notes: string[],
): ArmCaptures {
  const { arm, profile } = job;
  const protocol = findProfileProtocol(profile.driver, undefined);
  const responses = protocol === 'openai-responses';
  const api = responses ? (profile.login === 'chatgpt' ? 'chatgpt' : 'responses') : 'messages';
  // Only the key of the probe's own API: an Anthropic key must never be sent towards OpenAI, or the reverse (and none to
  // ChatGPT, whose login the proxy sends).
  const apiKey = api === 'responses' ? passEnv.OPENAI_API_KEY : api === 'messages' ? passEnv.ANTHROPIC_API_KEY : undefined;
  const headers = { 'x-tracker-agent': job.agentId, 'x-tracker-feature': job.task.meta.id, 'x-tracker-provider': arm.provider };
  const flush = (): Promise<void> => flushProxy(services.proxyUrl);
  const base = { dataDir: services.dataDir, stamp, provider: arm.provider, windowId: job.windowId, flush };

  /** `suffix` names the probe's own window (`<window>.before`, `.before2` after a wait, `.after`). */
  const quota = services.quotaSources?.get(arm.provider);
  // An API key billed per token has no bars to read: its window is counted in tokens at the proxy (run-arm-ends.ts).
  const perToken = profile.billing === 'per-token';
  const none: CaptureResult = { outcome: null, basis: 'none', forced: false };
  const capture = async (phase: 'before' | 'after', suffix: ProbePhase): Promise<CaptureResult> => {
    if (perToken) return none;
    if (quota) {
      // The provider's own quota endpoint costs nothing; the probe below is the fallback when it cannot be read.
      const read = await captureFromQuota({
        dataDir: services.dataDir,
        stamp,
        provider: arm.provider,
        windowId: job.windowId,
        phase,
        source: quota,
      });
      if ('result' in read) return read.result;
      notes.push(`${phase} quota read failed (${read.failed}), fell back to the proxy's readings`);
    }
    // A probe would speak another API to a back end whose answers carry no bars (Gemini's) and read nothing.
    if (!hasBarHeaders(protocol)) return captureWindowEnd({ ...base, phase, probeWindowId: null });
    const probeWindowId = makeProbeWindowId(job.windowId, suffix);
    const probeHeaders = { ...headers, 'x-tracker-window': probeWindowId };
    // At a run's proxy the probe, like the agent, goes through a base URL of its own (its window's, not the arm's).
    const path = services.openProxyPath?.(probeHeaders) ?? null;
    const probe = await probeCapacity({
      proxyUrl: path?.url ?? services.proxyUrl,
      api,
      model: profile.model,
      headers: probeHeaders,
      apiKey,
    }).finally(() => path?.close());
    if (phase === 'before' && probe.budgetSpent)
      throw createArmRefusedError(`budget spent, the proxy refused the arm's first request (${probe.detail})`);
    if (!probe.ok) notes.push(`${phase} probe failed (${probe.detail})`);
    return captureWindowEnd({ ...base, phase, probeWindowId: probe.ok ? probeWindowId : null });
  };
  const undoBefore = (reason: string): void => {
    undoCapture(services.dataDir, stamp, { provider: arm.provider, windowId: job.windowId, phase: 'before', reason });
  };

  return {
    async captureBefore(timeoutMs, onActivity) {
      const before = await capture('before', 'before');
      const wait = before.outcome ? computeResetWait(before.outcome.row.bars, Date.now(), timeoutMs) : 0;
      if (wait === 0) return before;
      undoBefore('the 5h bar resets while the arm may run: waiting out the reset buffer');
      notes.push(`waited ${Math.round(wait / 1000)} s for the 5h reset and its buffer`);
      onActivity({ stage: 'waiting' });
      await new Promise((resolve) => setTimeout(resolve, wait));
      const again = await capture('before', 'before2');
      if (again.basis === 'probe' || again.basis === 'quota' || !again.outcome) return again;
      // Without a fresh probe reading the fallback is the pre-wait one: the agent's first response opens the window instead.
      undoBefore('no fresh reading after the reset wait');
      return none;
    },
    captureDeferredBefore: async () => (perToken ? none : captureWindowEnd({ ...base, phase: 'before', probeWindowId: null })),
    captureAfter: () => capture('after', 'after'),
    undoBefore,
  };
}
