// `experiment run`: plans (or resumes) a seeded experiment, runs every arm through the proxy, checks stop rules, writes the report.
import { Command } from 'commander';
import { BudgetTracker, buildBudgetEventRow, describePolicy, type BudgetFlags } from '../../budget/index.js';
import { AppError, appendRows, LEDGER_FILES } from '../../ledger/index.js';
import { buildPlan, claudeDriver, codexDriver, DEFAULT_PROVIDERS, isSimulated, loadProfiles, loadTaskBank, pickProfiles, recordPlan, runExperiment, scriptedDriver, type Plan, type RunSummary } from '../../runner/index.js';
import { addBudgetOptions, readBudgetPolicy, readBudgetSince } from '../budget-options.js';
import { checkRunStop } from '../check-run-stop.js';
import { describeArmMethodology } from '../describe-methodology.js';
import { resolveContext } from '../global-options.js';
import { parsePositiveInt } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';
import { rebuildFromLedger } from '../rebuild-budget-usage.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';
import { createProgressView, describeResult } from '../run-progress-view.js';
import { startRunServices } from '../start-run-services.js';
import { writeExperimentReport } from '../write-experiment-report.js';
import { parseProviders } from './experiment-plan.js';

interface RunFlags extends BudgetFlags {
  seed: string;
  providers?: string;
  tasks?: string;
  only?: string;
  parallel: string;
  profiles?: string;
  upstream?: string;
  timeoutS?: string;
  graceMs: string;
  port: string;
  sandboxDir?: string;
  keepSandboxes?: boolean;
  stopRules: boolean;
  report: boolean;
  dryRun?: boolean;
  budgetSince?: string;
}

export function createRunCommand(): Command {
  const command = new Command('run')
    .description('run a seeded AB/BA (or Williams) experiment: each arm in a fresh sandbox through the proxy, hidden tests scored, windows recorded; resumes a killed run')
    .requiredOption('--seed <seed>', 'the same seed, providers and tasks give the same plan (and, against the scripted server, the same outcomes)')
    .option('--providers <ids>', `providers, comma-separated; the first is A (default: ${DEFAULT_PROVIDERS.join(',')}, both simulated)`)
    .option('--tasks <dir>', 'task bank folder (default: the bank shipped with agent-tracker)')
    .option('--only <ids>', 'run only these task ids (comma-separated)')
    .option('--parallel <n>', 'arms at once; never two of one provider, which share its bars', '1')
    .option('--profiles <file>', 'provider profiles JSON ({"providers": {"id": {driver, model, upstream, ...}}}), added to the built-in ones')
    .option('--upstream <where>', '"scripted": send every provider to the built-in scripted model server (real CLIs, no API key)')
    .option('--timeout-s <n>', "stop an agent after this long (default: each task's timeout_s)")
    .option('--grace-ms <ms>', 'after SIGTERM, how long an agent has before SIGKILL', '5000')
    .option('--port <n>', "the proxy's port (0: any free one)", '0')
    .option('--sandbox-dir <dir>', 'where arm sandboxes are made (default: the system temp folder)')
    .option('--keep-sandboxes', 'keep each arm sandbox (git repo, agent home) after the arm')
    .option('--no-stop-rules', 'run every arm, whatever the stop rules say')
    .option('--no-report', 'do not write the report at the end')
    .option('--dry-run', 'print the plan and what would run; start nothing, write nothing')
    .action(async function (this: Command) {
      const flags = this.optsWithGlobals<RunFlags>();
      const ctx = resolveContext(this);
      if (flags.seed.trim() === '') throw new AppError('BAD_USAGE', `expected a non-empty seed, got ${JSON.stringify(flags.seed)}`, { where: '--seed' });
      if (flags.upstream !== undefined && flags.upstream !== 'scripted') throw new AppError('BAD_USAGE', `expected --upstream scripted, got ${JSON.stringify(flags.upstream)} (set real upstreams per provider with --profiles)`, { where: '--upstream' });
      const parallel = parsePositiveInt(flags.parallel, '--parallel');
      const tasksDir = resolveTaskBankDir(flags.tasks);
      const bank = selectTasks(loadTaskBank(tasksDir), flags.only);
      const providers = flags.providers === undefined ? DEFAULT_PROVIDERS : parseProviders(flags.providers);
      const profiles = pickProfiles(loadProfiles(flags.profiles), providers);
      if (flags.upstream === 'scripted') for (const [id, profile] of profiles) profiles.set(id, { ...profile, upstream: 'scripted' });
      const policy = readBudgetPolicy(flags);
      const plan = buildPlan({ seed: flags.seed, providers, taskIds: bank.map((task) => task.meta.id) });
      const simulated = [...profiles].filter(([, profile]) => isSimulated(profile)).map(([id]) => id);
      const banner = simulated.length > 0 ? `SIMULATED: ${simulated.join(', ')} ${simulated.length === 1 ? 'is' : 'are'} answered by agent-tracker's scripted model server, not a real model.` : null;
      if (flags.dryRun) return printResult(ctx.json, { plan, profiles: Object.fromEntries(profiles), simulated }, () => renderDryRun(plan, banner));
      if (banner) process.stderr.write(`${banner}\n`);
      const timeoutS = flags.timeoutS === undefined ? undefined : parsePositiveInt(flags.timeoutS, '--timeout-s');

      recordPlan(ctx.dataDir, plan, ctx.stamp);
      const since = readBudgetSince(flags.budgetSince);
      const tracker = new BudgetTracker(policy);
      if (policy.limits.length > 0) process.stderr.write(`budgets: ${describePolicy(policy).join('; ')} (usage so far from ${rebuildFromLedger(ctx.dataDir, tracker, since)} request(s) in the ledger)\n`);
      const services = await startRunServices({ dataDir: ctx.dataDir, agentId: ctx.agentId, tasksDir, profiles, port: parsePositiveIntOrZero(flags.port), budget: policy.limits.length > 0 ? { policy, since } : null, env: process.env });
      const view = createProgressView(process.stderr, { live: process.stderr.isTTY === true && !ctx.json });
      let summary: RunSummary;
      try {
        process.stderr.write(`proxy ${services.proxy.url}${services.server ? `, scripted model server ${services.server.url}` : ''}\n`);
        summary = await runExperiment({
          plan,
          tasks: new Map(bank.map((task) => [task.meta.id, task])),
          profiles,
          parallel,
          agentId: ctx.agentId,
          services: {
            dataDir: ctx.dataDir,
            proxyUrl: services.proxy.url,
            drivers: { claude: claudeDriver, codex: codexDriver, scripted: scriptedDriver },
            describeMethodology: (job, version) => describeArmMethodology(plan, job, version),
            budget: {
              tracker,
              graceMs: parsePositiveInt(flags.graceMs, '--grace-ms'),
              // The proxy enforces the same budgets and records their crossings: the runner adds only its own stops.
              record: (event, job) => {
                if (event.type !== 'stopped' && event.type !== 'refused') return;
                const stamp = { agentId: job.agentId, source: 'runner' as const };
                appendRows(ctx.dataDir, LEDGER_FILES.budgetEvents, [buildBudgetEventRow(stamp, event)], stamp);
              },
            },
            timeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000,
            sandboxParent: flags.sandboxDir,
            keepSandboxes: flags.keepSandboxes === true,
            env: process.env,
          },
          checkStop: flags.stopRules ? () => checkRunStop(ctx.dataDir, plan) : undefined,
          onEvent: (event) => view.handle(event),
        });
        view.handle({ type: 'run-end', summary });
      } finally {
        view.close();
        await services.stop();
      }
      const report = flags.report ? await writeExperimentReport({ dataDir: ctx.dataDir, tasksDir }) : null;
      printResult(ctx.json, { ...summary, simulated, report: report?.markdownPath ?? null }, () => renderSummary(summary, banner, report?.markdownPath ?? null));
      if (summary.arms_pending > 0 && summary.stopped_by === null) process.exitCode = 1;
    });
  return addBudgetOptions(command);
}

function selectTasks<T extends { meta: { id: string } }>(bank: T[], only: string | undefined): T[] {
  if (only === undefined) return bank;
  const wanted = only.split(',').map((id) => id.trim()).filter(Boolean);
  const missing = wanted.filter((id) => !bank.some((task) => task.meta.id === id));
  if (missing.length > 0) throw new AppError('BAD_USAGE', `no task ${missing.map((id) => JSON.stringify(id)).join(', ')} in the bank (it has ${bank.map((task) => task.meta.id).join(', ')})`, { where: '--only' });
  return bank.filter((task) => wanted.includes(task.meta.id));
}

function parsePositiveIntOrZero(value: string): number {
  return value === '0' ? 0 : parsePositiveInt(value, '--port');
}

function renderDryRun(plan: Plan, banner: string | null): string {
  const lines = [`Dry run: plan ${plan.plan_id} (seed ${JSON.stringify(plan.seed)}, ${plan.design}), ${plan.arms.length} arms; nothing started, nothing written.`];
  if (banner) lines.push(banner);
  for (const arm of plan.arms) lines.push(`  ${String(arm.arm_index + 1).padStart(4)}. period ${arm.period}  ${arm.task_id.padEnd(24)} ${arm.sequence.padEnd(4)} ${arm.provider}`);
  return `${lines.join('\n')}\n`;
}

function renderSummary(summary: RunSummary, banner: string | null, reportPath: string | null): string {
  const lines = [`Plan ${summary.plan_id}: ${summary.arms_done_before + summary.arms_run}/${summary.arms_total} arms done (${summary.arms_run} this run, ${summary.arms_done_before} before) in ${(summary.wall_ms / 1000).toFixed(1)} s`];
  for (const result of summary.results) lines.push(`  ${describeResult(result)}`);
  if (summary.stopped_by) lines.push(`Stopped early: ${summary.stopped_by}`);
  if (summary.arms_pending > 0) lines.push(summary.stopped_by ? `${summary.arms_pending} arm(s) not run: add --no-stop-rules to run them anyway.` : `${summary.arms_pending} arm(s) not run: run the same command again to resume.`);
  if (reportPath) lines.push(`Report: ${reportPath}`);
  if (banner) lines.push(banner);
  return `${lines.join('\n')}\n`;
}
