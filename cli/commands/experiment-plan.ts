// `experiment plan`: a seeded, counter-balanced plan of which provider runs which task in which period.
import { Command } from 'commander';
import { AppError, ProviderIdSchema } from '../../ledger/index.js';
import { buildPlan, readTaskIds, recordPlan, type Plan } from '../../runner/index.js';
import { resolveContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';

interface PlanFlags {
  seed: string;
  providers: string;
  tasks?: string;
  record?: boolean;
}

/** `experiment plan --seed S --providers A,B[,C] [--tasks DIR] [--record] [--json]`. */
export function createPlanCommand(): Command {
  return new Command('plan')
    .description('seeded crossover plan: tasks shuffled, AB/BA balanced (Williams design for 3+ providers), periods interleaved; --record writes assignments.jsonl')
    .requiredOption('--seed <seed>', 'any non-empty string; the same seed, providers and tasks give a byte-identical plan')
    .requiredOption('--providers <ids>', 'comma-separated provider ids, at least 2; the first is arm A, the second B, ...')
    .option('--tasks <dir>', 'task bank: the sub-folders holding a task.json are the tasks (default: the bank shipped with agent-tracker)')
    .option('--record', 'append the plan to assignments.jsonl (a plan already recorded is left as it is)')
    .action(function (this: Command, flags: PlanFlags) {
      const ctx = resolveContext(this);
      if (flags.seed.trim() === '') throw new AppError('BAD_USAGE', `expected a non-empty seed, got ${JSON.stringify(flags.seed)}`, { where: '--seed' });
      const plan = buildPlan({ seed: flags.seed, providers: parseProviders(flags.providers), taskIds: readTaskIds(resolveTaskBankDir(flags.tasks)) });
      if (flags.record) {
        const outcome = recordPlan(ctx.dataDir, plan, { ...ctx.stamp });
        printNote(outcome.recorded ? `recorded plan ${plan.plan_id}: ${outcome.rows} assignment rows` : `plan ${plan.plan_id} already recorded; nothing written`);
      }
      printResult(ctx.json, plan, () => renderPlan(plan));
    });
}

/** Comma-separated, each a valid provider id, at least two, none repeated. */
export function parseProviders(value: string): string[] {
  const ids = value.split(',').map((id) => id.trim());
  const bad = ids.find((id) => !ProviderIdSchema.safeParse(id).success);
  if (bad !== undefined) throw new AppError('BAD_USAGE', `provider id ${JSON.stringify(bad)} in ${JSON.stringify(value)} is invalid: expected a lower-case id such as "claude", "codex" or "glm"`, { where: '--providers' });
  if (ids.length < 2) throw new AppError('BAD_USAGE', `expected at least 2 comma-separated providers, got ${JSON.stringify(value)}`, { where: '--providers' });
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new AppError('BAD_USAGE', `provider ${JSON.stringify(repeated)} appears twice in ${JSON.stringify(value)}`, { where: '--providers' });
  return ids;
}

function renderPlan(plan: Plan): string {
  const letters = Object.entries(plan.arms_by_letter).map(([letter, provider]) => `${letter}=${provider}`).join(' ');
  const counts = Object.entries(plan.sequence_counts).map(([sequence, n]) => `${sequence} ${n}`).join(', ');
  const lines = [`Plan ${plan.plan_id} (seed ${JSON.stringify(plan.seed)}, ${plan.design}, ${letters})`, `Sequences: ${counts}`, '', 'Tasks:'];
  for (const task of plan.tasks) lines.push(`  ${task.task_id.padEnd(24)} ${task.sequence.padEnd(6)} ${task.providers.join(' -> ')}`);
  lines.push('', 'Execution order:');
  for (const arm of plan.arms) lines.push(`  ${String(arm.arm_index + 1).padStart(4)}. period ${arm.period}  ${arm.task_id.padEnd(24)} ${arm.sequence.padEnd(6)} ${arm.provider}`);
  return `${lines.join('\n')}\n`;
}
