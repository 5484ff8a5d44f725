// `experiment run`: plans (or resumes) a seeded experiment, runs every arm through the proxy, checks stop rules, writes the report.
import { Command } from 'commander';
import { AgentIdSchema } from '../../ledger/index.js';
import { describePolicy, type BudgetPolicy } from '../../budget/index.js';
import { AppError, escapeLines } from '../../kernel/index.js';
import { DEFAULT_PROVIDERS, describeIsolation, nameWorker, sweepSandboxes, type Plan, type RunSummary } from '../../runner/index.js';
import { addAnalysisOptions } from '../analysis-options.js';
import { addBudgetOptions } from '../budget-options.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { printResult } from '../print-output.js';
import { checkResumeAnalysis, checkResumeSettings } from '../check-resume-settings.js';
import { takeRunLock, writeRunRecord } from '../../ledger/runs/index.js';
import { listInfrastructureFailures } from '../list-infrastructure-failures.js';
import { stopRunOnSignal } from '../stop-run-on-signal.js';
import { describeResult } from '../run-progress-view.js';
import { writeExperimentReport } from '../write-experiment-report.js';
import { computePlanPower, readRegisteredPlanPower, requirePower } from '../plan-power.js';
import { describeRunAnalysis } from '../describe-run-analysis.js';
import { EPOCHS_HELP } from './experiment-plan.js';
import { executeRun } from './experiment-run-execute.js';
import { addNpmCacheOptions } from './experiment-tasks-verify.js';
import { queueRun } from './experiment-run-queue.js';
import { readRunSetup, type RunFlags } from './experiment-run-setup.js';
import { resolveRunIsolation } from '../run-isolation.js';
import { checkRunBudgets } from '../check-run-budgets.js';
import { checkRunProviders } from '../check-run-providers.js';

export function createRunCommand(): Command {
  const command = new Command('run')
    .description(
      'run a seeded AB/BA (or Williams) experiment: each arm in a fresh sandbox through the proxy, hidden tests scored, windows recorded; resumes a killed run',
    )
    .requiredOption(
      '--seed <seed>',
      'the same seed, providers and tasks give the same plan (and, against the scripted server, the same outcomes)',
    )
    .option(
      '--providers <ids>',
      `providers, comma-separated; the first is A; A>B is a failover portfolio (default: ${DEFAULT_PROVIDERS.join(',')}, all simulated)`,
    )
    .option(
      '--tasks <dir>',
      "task bank folder; repeat it to run several together, e.g. the built-in bank, an import's and a synthesis's (default: the bank shipped with agent-tracker)",
      (value: string, list: string[] = []) => [...list, value],
    )
    .option('--only <ids>', 'run only these task ids (comma-separated)')
    .option('--all-tasks', 'run every task of the built-in bank (default: only its tasks tagged default, a small fast subset)')
    .option('--setup-network', "let a task's set-up command (task.json test.setup, e.g. npm ci) reach the network; default: none")
    .option('--epochs <k>', EPOCHS_HELP, '1')
    .option(
      '--require-power',
      "refuse to start (exit non-zero) when the planned design's power for the relevant difference is below 0.8 (see `experiment plan`)",
    )
    .option('--parallel <n>', 'arms at once; never two of one provider, which share its bars', '1')
    .option(
      '--profiles <file>',
      'provider profiles JSON ({"providers": {"id": {driver, model, upstream, ...}}}), added to the built-in ones',
    )
    .option('--upstream <where>', '"scripted": send every provider to the built-in scripted model server (real CLIs, no API key)')
    .option('--timeout-s <n>', "stop an agent after this long (default: each task's timeout_s)")
    .option('--grace-ms <ms>', 'after SIGTERM, how long an agent has before SIGKILL', '5000')
    .option('--port <n>', "the proxy's port (0: any free one)", '0')
    .option('--sandbox-dir <dir>', 'where arm sandboxes are made (default: the system temp folder)')
    .option('--keep-sandboxes', 'keep each arm sandbox (git repo, agent home) after the arm')
    .option('--no-stop-rules', 'run every arm, whatever the stop rules say')
    .option('--no-report', 'do not write the report at the end')
    .option(
      '--plan <provider=plan>',
      'the subscription plan a provider is measured under, e.g. claude=claude-max-20x (repeatable; prices its windows in dollars)',
      (value: string, list: string[]) => [...list, value],
      [] as string[],
    )
    .option('--plans <file>', 'plans JSON ({"plans": {"id": {name, usd_per_month, priced_at, windows}}}) over the built-in plan table')
    .option('--dry-run', 'print the plan and what would run; start nothing, write nothing')
    .option(
      '--keep-going',
      "when a provider's CLI or upstream cannot be used (before the run or in an arm), leave its arms pending and run the others instead of stopping",
    )
    .option(
      '--isolation <mode>',
      'sandbox for each agent and its hidden tests: auto (bwrap when it works), bwrap, podman, none (docs/isolation.md)',
      'auto',
    )
    .option('--no-isolation', 'run real agent CLIs and hidden tests unisolated on the host, as your own user (the explicit opt-out)')
    .option(
      '--queue',
      'with a PostgreSQL ledger: record the plan and queue its arms for `experiment worker` on any machine; run nothing here',
    )
    .action(async function (this: Command) {
      const flags = this.optsWithGlobals<RunFlags>();
      const ctx = resolveContext(this);
      // The providers its providers.json declares (back ends, profiles, plans, prices): docs/providers.md.
      const setup = readRunSetup(flags, loadProviderCatalog(ctx.dataDir), ctx.dataDir);
      checkRunBudgets(setup.policy, {
        agentId: ctx.agentId,
        planId: setup.plan.plan_id,
        parallel: setup.parallel,
        profiles: setup.profiles,
        queued: flags.queue === true,
        flags,
      });
      // Said once, as the run starts (after every check, so a refused command still prints one line): a bank
      // too small for the relevant difference cannot answer the question. A resume says the registered promise.
      const power =
        (flags.dryRun ? null : readRegisteredPlanPower(ctx.dataDir, setup.plan, setup.analysis)) ??
        computePlanPower(ctx.dataDir, setup.plan, setup.analysis, setup.catalog);
      // Registered with the plan: the report shows what the run promised beside what the data then say.
      setup.analysis = { ...setup.analysis, planning: power.planning };
      const warn = (): void => {
        // With where its variance came from: the report's own estimate, from this run's windows, may differ widely.
        if (power.warning) process.stderr.write(`${escapeLines(power.warning)}\n  (model: ${escapeLines(power.planning.source)})\n`);
      };
      // Which tasks a plain run took (the built-in default subset), said with the warning.
      const noteSubset = (): void => {
        if (setup.subsetNote) process.stderr.write(`${setup.subsetNote}\n`);
      };
      if (flags.dryRun) {
        printResult(ctx.json, { plan: setup.plan, profiles: Object.fromEntries(setup.profiles), simulated: setup.simulated, power }, () =>
          renderDryRun(setup.plan, setup.banner, setup.policy),
        );
        // What the run would pre-register, and a provider without a plan, said before anything runs.
        process.stderr.write(`${escapeLines(describeRunAnalysis(setup))}\n`);
        noteSubset();
        warn();
        return;
      }
      checkResumeAnalysis(ctx.dataDir, setup.plan.plan_id, setup.analysis);
      checkResumeSettings(ctx.dataDir, setup.plan.plan_id, setup.profiles);
      if (flags.requirePower) requirePower(power);
      if (flags.queue) {
        await queueRun(ctx, setup, flags);
        warn();
        return;
      }
      const isolation = resolveRunIsolation(setup, ctx.dataDir);
      // Before anything is said or written: a provider whose CLI cannot start, or whose upstream does not answer,
      // would only give unscorable arms. --keep-going leaves that provider's arms pending and runs the others.
      const keepGoing = flags.keepGoing === true;
      const skipProviders = await checkRunProviders(setup.profiles, keepGoing, {
        isolation,
        sandboxDir: setup.sandboxDir,
        catalog: setup.catalog,
      });
      if (isolation.mode === 'none') process.stderr.write(`note: ${describeIsolation(isolation)}\n`);
      const worker = nameWorker(ctx.agentId, setup.plan.plan_id, setup.parallel);
      if (!AgentIdSchema.safeParse(worker).success)
        throw new AppError(
          'BAD_USAGE',
          `agent id ${JSON.stringify(ctx.agentId)} is too long for the run's worker ids (such as ${JSON.stringify(worker)}, at most 64 characters): use a shorter --agent`,
          { where: '--agent' },
        );
      // Taken before anything is said: a run refused for another's lock prints its one line, not the warnings first.
      const lock = takeRunLock(ctx.dataDir, setup.plan.plan_id);
      noteSubset();
      warn();
      if (setup.banner) process.stderr.write(`${setup.banner}\n`);
      // It quotes a resumed plan's recorded analysis: ledger text, escaped as every printed line is (print-output.ts).
      process.stderr.write(`${escapeLines(describeRunAnalysis(setup))}\n`);
      const stale = lock.staleFrom;
      if (stale)
        process.stderr.write(
          `an earlier run in this data dir (process ${stale.pid}, plan ${stale.plan_id}) ended without finishing${stale.plan_id === setup.plan.plan_id ? ': resuming it' : '; run its command again to resume it'}\n`,
        );
      const uninstall = stopRunOnSignal(
        () => lock.release(),
        () => sweepSandboxes(setup.sandboxDir, 'mine'),
      );
      writeRunRecord(ctx.dataDir, { plan_id: setup.plan.plan_id, state: 'running', stopped_by: null });
      let summary: RunSummary;
      try {
        summary = await executeRun(ctx, { ...setup, isolation, keepGoing, skipProviders });
        const state = summary.arms_pending === 0 ? 'complete' : summary.stopped_by ? 'stopped' : 'incomplete';
        writeRunRecord(ctx.dataDir, {
          plan_id: setup.plan.plan_id,
          state,
          stopped_by: summary.stopped_by,
          infrastructure_failures: listInfrastructureFailures(summary),
        });
      } catch (error) {
        writeRunRecord(ctx.dataDir, { plan_id: setup.plan.plan_id, state: 'failed', stopped_by: (error as Error).message });
        throw error;
      } finally {
        uninstall();
        lock.release();
      }
      // The report reads the plan's pre-registered analysis (alpha, relevant difference, planned tasks) from the ledger.
      const report = flags.report
        ? await writeExperimentReport({ dataDir: ctx.dataDir, catalog: setup.catalog, options: { planId: setup.plan.plan_id } })
        : null;
      const verdict = report ? report.report.verdict.replace(/\*\*/g, '') : null;
      printResult(ctx.json, { ...summary, simulated: setup.simulated, report: report?.markdownPath ?? null, verdict }, () =>
        renderSummary(summary, setup.banner, report?.markdownPath ?? null, verdict),
      );
      // An arm that could not run stopped the run (no --keep-going): the one line names it and the fix, exit 7.
      const infrastructure = keepGoing ? undefined : summary.results.find((result) => result.infra_failure !== null);
      if (infrastructure && summary.stopped_by !== null)
        throw new AppError('IO', summary.stopped_by, { where: `arm ${infrastructure.arm_index + 1}`, kind: 'infrastructure-failure' });
      if ((summary.arms_pending > 0 && summary.stopped_by === null) || summary.results.some((result) => result.outcome === 'abandoned'))
        process.exitCode = 1;
    });
  command.option(
    '--arm-budget <n>',
    "a limit for each arm on its own (its window), in --budget-metric; --budget-mode block stops the arm (the plan's registered cap is --task-budget)",
  );
  return addNpmCacheOptions(addBudgetOptions(addAnalysisOptions(command)));
}

function renderDryRun(plan: Plan, banner: string | null, policy: BudgetPolicy): string {
  const lines = [
    `Dry run: plan ${plan.plan_id} (seed ${JSON.stringify(plan.seed)}, ${plan.design}), ${plan.arms.length} arms; nothing started, nothing written.`,
  ];
  if (banner) lines.push(banner);
  // What the run would enforce, as `experiment budget --dry-run` says it: a budget mistyped shows here before any arm.
  lines.push(
    policy.limits.length === 0
      ? 'Budgets: none (--overall-token-budget, --provider-budget, --window-budget or --arm-budget sets one)'
      : 'Budgets (at the proxy: refuse and cut streams; on agents: stop them):',
    ...(policy.limits.length === 0 ? [] : describePolicy(policy).map((line) => `  ${line}`)),
  );
  for (const arm of plan.arms)
    lines.push(
      `  ${String(arm.arm_index + 1).padStart(4)}. ${plan.epochs > 1 ? `epoch ${arm.epoch} ` : ''}period ${arm.period}  ${arm.task_id.padEnd(24)} ${arm.sequence.padEnd(4)} ${arm.provider}`,
    );
  return `${lines.join('\n')}\n`;
}

function describeResume(stoppedBy: string | null): string {
  if (stoppedBy === null) return 'run the same command again to resume.';
  if (stoppedBy.startsWith('infrastructure failure'))
    return 'fix the cause and run the same command again to resume (or pass --keep-going).';
  if (stoppedBy.startsWith('budget')) return 'raise the budget (or --budget-since) and run the same command again to resume.';
  return 'a stop rule ended the run; add --no-stop-rules to run them anyway.';
}

function renderSummary(summary: RunSummary, banner: string | null, reportPath: string | null, verdict: string | null): string {
  const lines = [
    `Plan ${summary.plan_id}: ${summary.arms_total - summary.arms_pending}/${summary.arms_total} arms done (${summary.arms_run} this run, ${summary.arms_done_before} before) in ${(summary.wall_ms / 1000).toFixed(1)} s`,
  ];
  for (const result of summary.results) lines.push(`  ${describeResult(result)}`);
  const unrecorded = summary.results.filter((result) => result.outcome === 'abandoned');
  if (unrecorded.length > 0)
    lines.push(
      `${unrecorded.length} arm(s) recorded no window: no capacity reading came through the proxy (${unrecorded.map((result) => result.window_id).join(', ')}); they stay pending.`,
    );
  if (summary.stopped_by) lines.push(`Stopped early: ${summary.stopped_by}`);
  if (summary.arms_pending > 0) lines.push(`${summary.arms_pending} arm(s) not run: ${describeResume(summary.stopped_by)}`);
  if (summary.arms_run === 0 && summary.arms_pending === 0)
    lines.push(
      'Every arm was already done in this data dir: `experiment status` lists them; use another --data-dir (or seed) for a new run.',
    );
  // The answer, not only where it is: the report's verdict, as its first paragraph says it.
  if (verdict) lines.push(`Verdict: ${verdict}`);
  if (reportPath) lines.push(`Report: ${reportPath}`);
  if (banner) lines.push(banner);
  return `${lines.join('\n')}\n`;
}
