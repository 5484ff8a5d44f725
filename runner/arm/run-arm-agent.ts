// The agent phase of an arm: launch the provider's CLI in the sandbox under the budgets, then read how it ended.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { redactText } from '../../kernel/index.js';
import { runAgentWithBudget, type AgentResult } from '../budget/run-agent-with-budget.js';
import { handOverSandbox, pruneVanishedHides, wrapCommand } from '../isolation/wrap-command.js';
import { type ArmContext, countTokens } from './arm-context.js';
import { createArmRefusedError } from './arm-refused-error.js';
import { buildArmContext } from './build-arm-context.js';
import { buildArmPrompt } from './build-arm-prompt.js';
import { type BudgetStop, findBudgetStop } from './find-budget-stop.js';
import { findLaunchFailure } from './find-launch-failure.js';
import { findUpstreamFailure } from './find-upstream-failure.js';
import { flushProxy } from './probe-capacity.js';

export interface AgentPhase {
  agent: AgentResult;
  startedAt: Date;
  /** The proxy's budget refusal or cut that ended the agent, whatever its exit code says. */
  proxyStop: BudgetStop | null;
  /**
   * A sandbox error the driver found in the agent's output, an agent that never started, or a back end that answered
   * none of its requests: an infrastructure failure, never the provider's.
   */
  infraFailure: string | null;
  /** The provider refused every request of the agent (its limit reached) and answered none: not a failure of its work. */
  refusal: string | null;
}

/** Runs the agent; throws an arm-refused AppError (the arm stays pending) when a block budget refused it before any work. */
export async function runArmAgent(ctx: ArmContext, timeoutMs: number, beforeRecorded: boolean): Promise<AgentPhase> {
  const { job, services } = ctx;
  const { arm, task } = job;
  const startedAt = new Date();
  const headers = {
    'x-tracker-agent': job.agentId,
    'x-tracker-feature': task.meta.id,
    'x-tracker-provider': arm.provider,
    'x-tracker-window': job.windowId,
  };
  // The arm's own base URL: whatever the agent sends there is the arm's (and its budget's); closed when the agent ends.
  const path = services.openProxyPath?.(headers) ?? null;
  try {
    return await runAgentAt(ctx, path?.url ?? services.proxyUrl, headers, { timeoutMs, beforeRecorded, startedAt });
  } finally {
    path?.close();
  }
}

async function runAgentAt(
  ctx: ArmContext,
  proxyUrl: string,
  headers: Record<string, string>,
  { timeoutMs, beforeRecorded, startedAt }: { timeoutMs: number; beforeRecorded: boolean; startedAt: Date },
): Promise<AgentPhase> {
  const { job, services, sandbox, notes } = ctx;
  const { task, profile } = job;
  const driver = services.drivers[profile.driver];
  const activity = services.onActivity ?? (() => undefined);
  const launch = driver.prepare({
    workDir: sandbox.workDir,
    homeDir: sandbox.homeDir,
    prompt: buildArmPrompt(task.meta.id, task.meta.title, readFileSync(task.spec, 'utf8')),
    proxyUrl,
    model: profile.model,
    headers,
    // The task's own environment as its hidden tests get it (an imported Python package's PYTHONPATH): the agent's shell
    // imports the package as they will. Over pass_env: what the tests see is what the agent must see.
    passEnv: { ...ctx.passEnv, ...resolveTaskEnv(task.meta.test?.env, sandbox.workDir) },
    command: profile.command,
    subagentModel: profile.subagent_requests === true ? `${profile.model}-haiku` : undefined,
    isolated: services.isolation !== undefined && services.isolation.mode !== 'none',
    login: profile.login,
  });
  handOverSandbox(services.isolation, sandbox.root); // the driver's config files included
  let infraFailure: string | null = null;
  let printedLines = 0;
  activity(job, { stage: 'agent', tokens: 0 });
  const launchAgent = () =>
    runAgentWithBudget({
      ...wrapCommand(services.isolation, launch, { writable: sandbox.root, shareNet: true }),
      onLine: (line) => {
        printedLines += 1;
        infraFailure ??= driver.findSandboxFailure?.(line) ?? null;
      },
      context: buildArmContext(job),
      tracker: services.budget.tracker,
      graceMs: services.budget.graceMs,
      timeoutMs,
      onEvent: (event) => services.budget.record(event, job),
      onUsage: (usage) => activity(job, { stage: 'agent', tokens: countTokens(usage) }),
    });
  let agent = await launchAgent();
  // A data dir removed between the sandbox's plan and bwrap's mount over it stops bwrap ("Can't mkdir parents"): the
  // agent never ran, so it starts once more without that hide (wrap-command.ts pruneVanishedHides).
  if (findLaunchFailure(agent, printedLines) !== null && pruneVanishedHides(services.isolation)) {
    infraFailure = null;
    agent = await launchAgent();
  }
  await flushProxy(services.proxyUrl);
  infraFailure ??= findLaunchFailure(agent, printedLines);
  const upstream = findUpstreamFailure(services.dataDir, job.windowId);
  infraFailure ??= upstream.failure;
  const proxyStop = agent.outcome === 'budget-exceeded' ? null : findBudgetStop(services.dataDir, job.windowId);
  if (agent.stoppedBy?.type === 'refused' || (proxyStop?.event === 'refused' && countTokens(agent.usage) === 0)) {
    // Refused before doing anything (a parallel arm or a long reset wait spent the budget): no window, the arm stays pending.
    if (beforeRecorded) ctx.captures.undoBefore('a block budget refused the agent before it did any work');
    throw createArmRefusedError(`budget spent: ${proxyStop?.text ?? agent.stoppedBy?.detail ?? 'the agent was refused'}`);
  }
  if (agent.outcome !== 'success')
    notes.push(
      `agent ${agent.outcome} (exit ${agent.exitCode ?? '-'}${agent.signal ? `, ${agent.signal}` : ''})${agent.stderrTail ? `: ${redactText(agent.stderrTail.split('\n').at(-1) ?? '')}` : ''}`,
    );
  return { agent, startedAt, proxyStop, infraFailure, refusal: infraFailure === null ? upstream.refusal : null };
}

/**
 * The hidden tests run in the work folder with the task's `test.env` as written (`src:.pyenv`); an agent's shell may
 * run elsewhere (a `cd tests`), so each relative entry of the path list is made absolute under the work folder.
 */
function resolveTaskEnv(env: Readonly<Record<string, string>> | undefined, workDir: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(env ?? {}))
    resolved[name] = value
      .split(':')
      .map((entry) => (entry === '' || isAbsolute(entry) ? entry : join(workDir, entry)))
      .join(':');
  return resolved;
}
