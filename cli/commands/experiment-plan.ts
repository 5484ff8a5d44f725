// `experiment plan`: a seeded, counter-balanced plan of which provider runs which task in which period.
import { Command } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { AppError, escapeLines } from '../../kernel/index.js';
import { resolvePlanRule } from '../../reports/index.js';
import {
  buildAnalysisSettings,
  buildPlan,
  isPortfolioId,
  loadProfiles,
  loadTaskBank,
  MAX_EPOCHS,
  pickProfiles,
  readTaskIds,
  recordPlan,
  type AnalysisSettings,
  type Plan,
} from '../../runner/index.js';
import { addAnalysisOptions, readAnalysisRequest, type AnalysisFlags } from '../analysis-options.js';
import { readEverydayCalibrations } from '../read-everyday-calibrations.js';
import { resolveTaskBudget } from '../resolve-task-budget.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { parseWholeNumber } from '../parse-flags.js';
import { computePlanPower, renderPlanPower } from '../plan-power.js';
import { printNote, printResult } from '../print-output.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';
import { pickRunTasks } from '../pick-run-tasks.js';

interface PlanFlags extends AnalysisFlags {
  seed: string;
  providers: string;
  tasks?: string[];
  allTasks?: boolean;
  record?: boolean;
  epochs: string;
  profiles?: string;
}

export const EPOCHS_HELP =
  'run each (task, provider) arm K times, each in a fresh sandbox (1 to 20); the analysis reduces them to a task mean, so n stays the number of tasks';

/** `--epochs K`: a whole number from 1 to MAX_EPOCHS, named in the error. */
export function parseEpochs(value: string): number {
  return parseWholeNumber(value, '--epochs', 1, MAX_EPOCHS);
}

/** `experiment plan --seed S --providers A,B[,C] [--tasks DIR] [--record] [--json]`. */
export function createPlanCommand(): Command {
  const command = new Command('plan')
    .description(
      'seeded crossover plan: tasks shuffled, AB/BA balanced (Williams design for 3+ providers), periods interleaved, and the primary analysis it pre-registers; --record writes both to assignments.jsonl',
    )
    .requiredOption('--seed <seed>', 'any non-empty string; the same seed, providers and tasks give a byte-identical plan')
    .requiredOption(
      '--providers <ids>',
      'comma-separated provider ids, at least 2; the first is arm A, the second B, ...; A>B is a failover portfolio (docs/experiments.md)',
    )
    .option(
      '--tasks <dir>',
      'task bank: the sub-folders holding a task.json are the tasks; repeat it to plan several banks together (default: the bank shipped with agent-tracker)',
      (value: string, list: string[] = []) => [...list, value],
    )
    .option('--all-tasks', 'plan every task of the built-in bank (default: its tasks tagged default, as `experiment run` does)')
    .option('--epochs <k>', EPOCHS_HELP, '1')
    .option('--profiles <file>', 'provider profiles JSON, added to the built-in ones: what a failover portfolio (A>B) may name')
    .option('--record', 'append the plan and its analysis to assignments.jsonl (a plan already recorded is left as it is)');
  return addAnalysisOptions(command).action(function (this: Command, flags: PlanFlags) {
    const ctx = resolveContext(this);
    if (flags.seed.trim() === '')
      throw new AppError('BAD_USAGE', `expected a non-empty seed, got ${JSON.stringify(flags.seed)}`, { where: '--seed' });
    const catalog = loadProviderCatalog(ctx.dataDir);
    const providers = parseProviders(flags.providers);
    // A failover portfolio (`claude>glm`) is checked here, before a run is planned on it: its members and their APIs.
    const portfolios = providers.filter(isPortfolioId);
    if (portfolios.length > 0) pickProfiles(loadProfiles(catalog, flags.profiles), portfolios);
    const plan = buildPlan({
      seed: flags.seed,
      providers,
      taskIds: planTaskIds(flags),
      epochs: parseEpochs(flags.epochs),
    });
    const profiles = new Map(Object.entries(loadProfiles(catalog, flags.profiles)));
    const analysis = buildAnalysisSettings(plan, {
      ...readAnalysisRequest(flags),
      taskBudget: resolveTaskBudget(flags.taskBudget, providers, profiles, () =>
        readEverydayCalibrations(ctx.dataDir, catalog, undefined, 0.95),
      ),
    });
    const power = computePlanPower(ctx.dataDir, plan, analysis, catalog);
    Object.assign(analysis, { planning: power.planning });
    if (flags.record) {
      const outcome = recordPlan(ctx.dataDir, plan, { ...ctx.stamp }, analysis);
      printNote(
        outcome.recorded
          ? `recorded plan ${plan.plan_id}: its analysis and ${outcome.rows - 1} assignment rows`
          : `plan ${plan.plan_id} already recorded; nothing written (a recorded analysis cannot change)`,
      );
    }
    // The loud line goes to stderr as well, so a --json reader (or a script) sees it too.
    if (power.warning && ctx.json) process.stderr.write(`${escapeLines(power.warning)}\n`);
    printResult(ctx.json, { ...plan, analysis, power }, (shown) => renderPlan(shown, shown.analysis, renderPlanPower(shown.power)));
  });
}

/** A bank of the user's own: every task folder. The built-in bank: the tasks `experiment run` would take (its default subset unless --all-tasks). */
function planTaskIds(flags: PlanFlags): string[] {
  if (flags.tasks === undefined)
    return pickRunTasks(loadTaskBank(resolveTaskBankDir(undefined)), { allTasks: flags.allTasks }).bank.map((task) => task.meta.id);
  const from = new Map<string, string>();
  for (const dir of flags.tasks)
    for (const id of readTaskIds(dir)) {
      const other = from.get(id);
      if (other !== undefined)
        throw new AppError('BAD_USAGE', `task ${id} is in two banks, ${other} and ${dir}: give each task once`, { where: '--tasks' });
      from.set(id, dir);
    }
  return [...from.keys()];
}

/** Comma-separated, each a valid provider id, at least two, none repeated. */
export function parseProviders(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim());
  const bad = ids.find((id) => !ProviderIdSchema.safeParse(id).success);
  if (bad !== undefined)
    throw new AppError(
      'BAD_USAGE',
      `provider id ${JSON.stringify(bad)} in ${JSON.stringify(value)} is invalid: expected a lower-case id such as "claude", "codex", "glm" or a portfolio "claude>glm"`,
      { where: '--providers' },
    );
  if (ids.length < 2)
    throw new AppError('BAD_USAGE', `expected at least 2 comma-separated providers, got ${JSON.stringify(value)}`, {
      where: '--providers',
    });
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined)
    throw new AppError('BAD_USAGE', `provider ${JSON.stringify(repeated)} appears twice in ${JSON.stringify(value)}`, {
      where: '--providers',
    });
  return ids;
}

function renderPlan(plan: Plan, analysis: AnalysisSettings, power: string[]): string {
  const letters = Object.entries(plan.arms_by_letter)
    .map(([letter, provider]) => `${letter}=${provider}`)
    .join(' ');
  const counts = Object.entries(plan.sequence_counts)
    .map(([sequence, n]) => `${sequence} ${n}`)
    .join(', ');
  const lines = [
    `Plan ${plan.plan_id} (seed ${JSON.stringify(plan.seed)}, ${plan.design}, ${letters})`,
    `Sequences: ${counts}`,
    `Primary analysis: ${describeAnalysis(plan, analysis)}`,
    ...(plan.epochs > 1 ? [`Epochs: ${plan.epochs} runs of every (task, provider), each epoch in the task's own sequence`] : []),
    ...power,
    '',
    'Tasks:',
  ];
  for (const task of plan.tasks) lines.push(`  ${task.task_id.padEnd(24)} ${task.sequence.padEnd(6)} ${task.providers.join(' -> ')}`);
  lines.push('', 'Execution order:');
  for (const arm of plan.arms)
    lines.push(
      `  ${String(arm.arm_index + 1).padStart(4)}. ${plan.epochs > 1 ? `epoch ${arm.epoch} ` : ''}period ${arm.period}  ${arm.task_id.padEnd(24)} ${arm.sequence.padEnd(6)} ${arm.provider}`,
    );
  return `${lines.join('\n')}\n`;
}

/** One line a reader can hold the report to: the estimand, its unit, the decision procedure and its error rate. */
export function describeAnalysis(plan: Plan, analysis: AnalysisSettings): string {
  const usd = analysis.estimand === 'usd';
  const unit = usd ? 'dollar of subscription' : "unit of each provider's own bars";
  const spent = usd ? "dollars, failures' dollars included" : "bar units, failures' included";
  const pairs = (plan.providers.length * (plan.providers.length - 1)) / 2;
  const repeats = plan.epochs > 1 ? ` (each task the mean of its ${plan.epochs} epochs)` : '';
  const rule = resolvePlanRule({ ...analysis, providers: plan.providers });
  const looks =
    rule.rule === 'none'
      ? 'read at the planned tasks (no early stop)'
      : 'looked at after every task, early stop once a provider is decided ahead of every other or every pair is settled';
  const capped = analysis.task_budget ? `, each arm capped at its task budget (${analysis.task_budget.source})` : '';
  return `correct work per ${unit}: each provider's sum of quality over its sum of ${spent}${repeats}${capped}; each pair by the ratio of the two, in an exact anytime-valid betting confidence sequence at alpha ${analysis.alpha}${pairs > 1 ? ` / ${pairs} pairs` : ''} (${looks}); relevant difference ${Math.round(analysis.min_effect * 100)}%`;
}
