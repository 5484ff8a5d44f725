// Runs a checked setup: proxy and model server up, the plan recorded, every pending arm run with progress, services down.
import { BudgetTracker, buildBudgetEventRow, describePolicy } from '../../budget/index.js';
import { appendRows, LEDGER_FILES } from '../../ledger/index.js';
import { claudeDriver, codexDriver, recordPlan, runExperiment, scriptedDriver, type RunSummary } from '../../runner/index.js';
import { checkRunStop } from '../check-run-stop.js';
import { describeArmMethodology } from '../describe-methodology.js';
import type { CommandContext } from '../global-options.js';
import { rebuildFromLedger } from '../rebuild-budget-usage.js';
import { createProgressView } from '../run-progress-view.js';
import { startRunServices } from '../start-run-services.js';
import type { RunSetup } from './experiment-run-setup.js';

export async function executeRun(ctx: CommandContext, setup: RunSetup): Promise<RunSummary> {
  const { plan, policy } = setup;
  recordPlan(ctx.dataDir, plan, { ...ctx.stamp, source: 'runner' });
  const tracker = new BudgetTracker(policy);
  const budgeted = policy.limits.length > 0;
  if (budgeted) process.stderr.write(`budgets: ${describePolicy(policy).join('; ')} (usage so far from ${rebuildFromLedger(ctx.dataDir, tracker, setup.budgetSince)} request(s) in the ledger)\n`);
  const services = await startRunServices({
    dataDir: ctx.dataDir,
    agentId: ctx.agentId,
    tasksDir: setup.tasksDir,
    profiles: setup.profiles,
    port: setup.port,
    budget: budgeted ? { policy, since: setup.budgetSince } : null,
    env: process.env,
  });
  const view = createProgressView(process.stderr, { live: process.stderr.isTTY === true && !ctx.json });
  try {
    process.stderr.write(`proxy ${services.proxy.url}${services.server ? `, scripted model server ${services.server.url}` : ''}\n`);
    for (const warning of services.quotaSources.warnings) process.stderr.write(`note: ${warning}\n`);
    const summary = await runExperiment({
      plan,
      tasks: new Map(setup.bank.map((task) => [task.meta.id, task])),
      profiles: setup.profiles,
      parallel: setup.parallel,
      agentId: ctx.agentId,
      services: {
        dataDir: ctx.dataDir,
        proxyUrl: services.proxy.url,
        drivers: { claude: claudeDriver, codex: codexDriver, scripted: scriptedDriver },
        describeMethodology: (job, version, capacity) => describeArmMethodology(plan, job, version, capacity),
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
        sandboxParent: setup.sandboxDir,
        keepSandboxes: setup.keepSandboxes,
        env: process.env,
        quotaSources: services.quotaSources.sources,
        subscriptions: setup.subscriptions,
        tokenTally: new Map(),
        subagentQuotas: new Map(
          [...services.quotaSources.subagents].map(([provider, source]) => [
            provider,
            { provider: setup.profiles.get(provider)?.subagents?.provider ?? 'glm', source, subscription: setup.subagentSubscriptions.get(provider) },
          ]),
        ),
      },
      checkStop: setup.stopRules ? () => checkRunStop(ctx.dataDir, { plan_id: plan.plan_id, providers: plan.providers, taskIds: plan.tasks.map((task) => task.task_id) }) : undefined,
      onEvent: (event) => view.handle(event),
    });
    view.handle({ type: 'run-end', summary });
    return summary;
  } finally {
    view.close();
    await services.stop();
  }
}
