// Runs a checked setup: proxy and model server up, the plan recorded, every pending arm run with progress, services down.
import { join } from 'node:path';
import {
  type BudgetPolicy,
  BudgetTracker,
  buildBudgetEventRow,
  buildTaskBudgetLimits,
  describePolicy,
  rebuildFromLedger,
} from '../../budget/index.js';
import { appendRows, LEDGER_FILES, type TaskBudget } from '../../ledger/index.js';
import { readArmIndex } from '../../ledger/runs/index.js';
import type { LedgerFence } from '../../ledger/pg/index.js';
import { SEED_SEATS } from '../../ledger/vocabulary/index.js';
import {
  AGENT_DRIVERS,
  describeIsolation,
  findSecondSubscription,
  type ProviderProfile,
  recordPlan,
  runExperiment,
  type RunSummary,
} from '../../runner/index.js';
import { checkRunStop } from '../check-run-stop.js';
import { describeArmMethodology } from '../describe-methodology.js';
import type { CommandContext } from '../global-options.js';
import { watchPeriods } from '../watch-run-periods.js';
import { createProgressView } from '../run-progress-view.js';
import { startRunServices } from '../start-run-services.js';
import type { RunSetup } from './experiment-run-setup.js';

/** A queue worker's claim (runner/queue): only its arm, written and completed only while the claim is still the worker's. */
export interface ClaimScope {
  onlyArms: ReadonlySet<number>;
  completionFence: LedgerFence;
  claimFence: LedgerFence;
}

/** The run's budgets with the plan's task budget: each provider's arms stopped at theirs (budget/task-budget-limits.ts). */
function addTaskBudget(policy: BudgetPolicy, plan: RunSetup['plan'], budget: TaskBudget | null): BudgetPolicy {
  if (!budget) return policy;
  return {
    ...policy,
    limits: [...policy.limits, ...buildTaskBudgetLimits(budget)],
    windowProvider: (window) => {
      const index = readArmIndex(plan.plan_id, window);
      return index === null ? null : (plan.arms[index]?.provider ?? null);
    },
  };
}

/** Without a claim, every pending arm of the plan. */
export async function executeRun(ctx: CommandContext, setup: RunSetup, claim?: ClaimScope): Promise<RunSummary> {
  const { plan } = setup;
  // Unset only for a caller that resolved nothing: the methodology then says so rather than claim a sandbox.
  const isolation = setup.isolation ? describeIsolation(setup.isolation) : 'isolation: none (UNISOLATED: not resolved)';
  // A resumed plan keeps the quality it registered first, whatever this run's flags say.
  const { quality, taskBudget } = recordPlan(ctx.dataDir, plan, { ...ctx.stamp, source: 'runner' }, setup.analysis);
  // The registered task budget (a resume keeps its plan's), one limit per provider for each of its arms' windows.
  const policy = addTaskBudget(setup.policy, plan, taskBudget);
  const tracker = new BudgetTracker(policy);
  const budgeted = policy.limits.length > 0;
  if (budgeted)
    process.stderr.write(
      `budgets: ${describePolicy(policy).join('; ')} (usage so far from ${rebuildFromLedger(ctx.dataDir, tracker, setup.budgetSince).requests} request(s) in the ledger)\n`,
    );
  const services = await startRunServices({
    dataDir: ctx.dataDir,
    planId: plan.plan_id,
    agentId: ctx.agentId,
    tasksDirs: setup.tasksDirs,
    profiles: setup.profiles,
    catalog: setup.catalog,
    port: setup.port,
    budget: budgeted ? { policy, since: setup.budgetSince } : null,
    env: process.env,
  });
  const view = createProgressView(process.stderr, { live: process.stderr.isTTY === true && !ctx.json });
  try {
    // Inside the try: it reads the ledger, and a database that went away threw here with the proxy and the scripted
    // server up and never stopped, so a worker that had met a restart never exited.
    const previews = watchPeriods(ctx, plan);
    process.stderr.write(`proxy ${services.proxy.url}${services.server ? `, scripted model server ${services.server.url}` : ''}\n`);
    for (const warning of services.quotaSources.warnings) process.stderr.write(`note: ${warning}\n`);
    const summary = await runExperiment({
      plan,
      tasks: new Map(setup.bank.map((task) => [task.meta.id, task])),
      profiles: setup.profiles,
      parallel: setup.parallel,
      agentId: ctx.agentId,
      onlyArms: claim?.onlyArms,
      keepGoing: setup.keepGoing,
      skipProviders: setup.skipProviders,
      services: {
        completionFence: claim?.completionFence,
        claimFence: claim?.claimFence,
        dataDir: ctx.dataDir,
        proxyUrl: services.proxy.url,
        // Each arm's agent and probes reach the proxy at a base URL of their own, which decides what they are charged to.
        openProxyPath: services.proxy.openArmPath ?? undefined,
        drivers: AGENT_DRIVERS,
        describeMethodology: (job, version, capacity) => describeArmMethodology(plan, job, version, capacity, isolation),
        budget: {
          tracker,
          graceMs: setup.graceMs,
          // The proxy enforces the same budgets and records their crossings: the runner adds only its own stops.
          record: (event, job) => {
            if (event.type !== 'stopped' && event.type !== 'refused') return;
            const stamp = { agentId: job.agentId, source: 'runner' as const };
            appendRows(ctx.dataDir, LEDGER_FILES.budgetEvents, [buildBudgetEventRow(stamp, event)], stamp);
          },
        },
        timeoutMs: setup.timeoutMs,
        quality,
        sandboxParent: setup.sandboxDir,
        setup: { cacheDir: join(ctx.dataDir, 'task-setup'), allowNetwork: setup.setupNetwork, npmCache: setup.npmCache },
        keepSandboxes: setup.keepSandboxes,
        isolation: setup.isolation,
        env: process.env,
        quotaSources: services.quotaSources.sources,
        subscriptions: setup.subscriptions,
        tokenTally: new Map(),
        subagentQuotas: new Map(
          [...services.quotaSources.subagents].map(([provider, source]) => [
            provider,
            {
              provider: findSecondProvider(setup.profiles.get(provider))?.provider ?? SEED_SEATS.routed,
              via: findSecondProvider(setup.profiles.get(provider))?.via,
              source,
              subscription: setup.subagentSubscriptions.get(provider),
            },
          ]),
        ),
      },
      checkStop: setup.stopRules
        ? () =>
            checkRunStop(
              ctx.dataDir,
              {
                plan_id: plan.plan_id,
                providers: plan.providers,
                taskIds: plan.tasks.map((task) => task.task_id),
                epochs: plan.epochs,
                arms: plan.arms.length,
              },
              ctx.stamp,
              setup.catalog,
            )
        : undefined,
      onEvent: (event) => {
        if (event.type === 'arm-start') services.liveWindows.add(event.job.windowId);
        if (event.type === 'arm-done') services.liveWindows.delete(event.job.windowId);
        // An arm that recorded its window is final: a resume keeps its charges of the simulated quota (load-run-quota.ts).
        if (event.type === 'arm-done' && event.result.outcome !== 'abandoned' && event.result.infra_failure === null)
          services.settleArm(event.job.arm.provider);
        view.handle(event);
        previews.handle(event);
      },
    });
    await previews.settled();
    view.handle({ type: 'run-end', summary });
    return summary;
  } finally {
    view.close();
    await services.stop();
  }
}

/** Whose capacity a provider's second subscription is (its sub-agents' back end, a portfolio's second member), and how it is reached. */
function findSecondProvider(profile: ProviderProfile | undefined): { provider: string; via: 'subagents' | 'failover' } | undefined {
  const second = profile ? findSecondSubscription(profile) : null;
  return second ? { provider: second.provider, via: second.via } : undefined;
}
