// Reads and checks everything `experiment run` needs before it starts anything: tasks, providers, plan, budgets.
import type { BudgetFlags, BudgetPolicy } from '../../budget/index.js';
import type { WindowSubscription } from '../../ledger/index.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { AppError } from '../../kernel/index.js';
import {
  buildAnalysisSettings,
  buildPlan,
  DEFAULT_PROVIDERS,
  type AnalysisSettings,
  type IsolationMode,
  type IsolationPlan,
  isSimulated,
  loadProfiles,
  pickProfiles,
  type BankTask,
  type NpmCacheSource,
  type Plan,
  type ProviderProfile,
} from '../../runner/index.js';
import { readAnalysisRequest, type AnalysisFlags } from '../analysis-options.js';
import { readEverydayCalibrations } from '../read-everyday-calibrations.js';
import { resolveTaskBudget } from '../resolve-task-budget.js';
import { readBudgetPolicy, readBudgetSince } from '../budget-options.js';
import { parsePositiveInt, parseWholeNumber } from '../parse-flags.js';
import { pickRunTasks } from '../pick-run-tasks.js';
import { countTaskSources, loadTaskBanks } from '../resolve-task-bank.js';
import {
  listUnpricedProviders,
  loadPlanTable,
  parsePlanFlags,
  resolveSubagentSubscriptions,
  resolveSubscriptions,
} from '../resolve-subscriptions.js';
import { parseEpochs, parseProviders } from './experiment-plan.js';
import { resolveNpmCacheFlag } from './experiment-tasks-verify.js';
import { readIsolationFlag } from '../run-isolation.js';

export interface RunFlags extends BudgetFlags, AnalysisFlags {
  seed: string;
  providers?: string;
  /** Repeated `--tasks`: every folder's tasks together (a run queued before it was repeatable has one string). */
  tasks?: string | string[];
  only?: string;
  allTasks?: boolean;
  setupNetwork?: boolean;
  npmCache?: string | false;
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
  keepGoing?: boolean;
  budgetSince?: string;
  plan: string[];
  plans?: string;
  /** `--isolation <mode>`; false with `--no-isolation`. */
  isolation: string | false;
  queue?: boolean;
  /** `--epochs K`: runs of each (task, provider); absent in settings queued before epochs existed. */
  epochs?: string;
  requirePower?: boolean;
}

export interface RunSetup {
  plan: Plan;
  /** The data dir's provider catalog: its profiles, plans, prices and proxy presets. */
  catalog: ProviderCatalog;
  /** `--keep-going`: skip a provider that cannot run (preflight or an arm's infrastructure failure) instead of stopping. */
  keepGoing?: boolean | undefined;
  /** Providers the preflight found unusable under --keep-going, with why: their arms stay pending. */
  skipProviders?: ReadonlyMap<string, string> | undefined;
  /** The primary analysis the plan pre-registers (recorded with it, never changed on resume). */
  analysis: AnalysisSettings;
  /** The task banks (`--tasks`, repeatable; the built-in one by default), searched in order by the scripted solver. */
  tasksDirs: string[];
  bank: BankTask[];
  /** `--setup-network`: tasks' set-up commands may reach the network. */
  setupNetwork: boolean;
  npmCache: NpmCacheSource | null | undefined; // --npm-cache, --no-npm-cache (null); undefined: the host's own
  /** Says the run uses the built-in bank's `default` subset (null otherwise), shown before the run. */
  subsetNote: string | null;
  profiles: Map<string, ProviderProfile>;
  /** Providers answered by the scripted model server. */
  simulated: string[];
  /** The line that says so, shown before and after the run (null when nothing is simulated). */
  banner: string | null;
  parallel: number;
  policy: BudgetPolicy;
  budgetSince: Date | undefined;
  timeoutMs: number | undefined;
  graceMs: number;
  port: number;
  sandboxDir: string | undefined;
  keepSandboxes: boolean;
  stopRules: boolean;
  /** Each provider's subscription plan and price (providers without one are priced n/a). */
  subscriptions: Map<string, WindowSubscription>;
  /** The plan of each provider's sub-agent back end, where its profile names one. */
  subagentSubscriptions: Map<string, WindowSubscription>;
  /** --isolation (checked here); `optOut` for --no-isolation. */
  isolationFlag: { mode: IsolationMode; optOut: boolean };
  /** The resolved isolation (probed once, before the run starts). */
  isolation?: IsolationPlan;
}

/** Every flag checked here, so a typo never costs a started run. */
export function readRunSetup(flags: RunFlags, catalog: ProviderCatalog, dataDir: string): RunSetup {
  if (flags.seed.trim() === '')
    throw new AppError('BAD_USAGE', `expected a non-empty seed, got ${JSON.stringify(flags.seed)}`, { where: '--seed' });
  if (flags.upstream !== undefined && flags.upstream !== 'scripted')
    throw new AppError(
      'BAD_USAGE',
      `expected --upstream scripted, got ${JSON.stringify(flags.upstream)} (set real upstreams per provider with --profiles)`,
      { where: '--upstream' },
    );
  const banks = loadTaskBanks(flags.tasks);
  const { bank, subsetNote } = pickRunTasks(banks.bank, flags);
  const providers = flags.providers === undefined ? DEFAULT_PROVIDERS : parseProviders(flags.providers);
  const profiles = pickProfiles(loadProfiles(catalog, flags.profiles), providers);
  if (flags.upstream === 'scripted') for (const [id, profile] of profiles) profiles.set(id, sendToScripted(profile));
  const planTable = loadPlanTable(catalog, flags.plans);
  const chosenPlans = parsePlanFlags(flags.plan, providers, catalog, planTable);
  const subscriptions = resolveSubscriptions(profiles, chosenPlans, planTable);
  const simulated = [...profiles].filter(([, profile]) => isSimulated(profile)).map(([id]) => id);
  const plan = buildPlan({
    seed: flags.seed,
    providers,
    taskIds: bank.map((task) => task.meta.id),
    epochs: parseEpochs(flags.epochs ?? '1'),
  });
  return {
    plan,
    catalog,
    // Registered with the plan, so the report says how many tasks of each origin the run measured.
    analysis: {
      ...buildAnalysisSettings(plan, {
        ...readEstimandRequest(flags, listUnpricedProviders(providers, subscriptions, profiles)),
        stopRules: flags.stopRules,
        taskBudget: resolveTaskBudget(flags.taskBudget, providers, profiles, () =>
          readEverydayCalibrations(dataDir, catalog, undefined, 0.95),
        ),
      }),
      task_sources: countTaskSources(bank),
      // What a resume must repeat: experiment status prints them, and a resume with others is refused.
      run_flags: { plans: Object.fromEntries([...chosenPlans].sort(([a], [b]) => a.localeCompare(b))), upstream: flags.upstream ?? null },
    },
    tasksDirs: banks.dirs,
    bank,
    subsetNote,
    setupNetwork: flags.setupNetwork === true,
    npmCache: resolveNpmCacheFlag(flags.npmCache),
    profiles,
    simulated,
    banner:
      simulated.length > 0
        ? `SIMULATED: ${simulated.join(', ')} ${simulated.length === 1 ? 'is' : 'are'} answered by agent-tracker's scripted model server, not a real model.`
        : null,
    parallel: parseWholeNumber(flags.parallel, '--parallel', 1, 64),
    policy: readBudgetPolicy(flags, catalog),
    budgetSince: readBudgetSince(flags.budgetSince),
    // Node timers hold at most 2^31 - 1 ms; a longer one fires at once.
    timeoutMs: flags.timeoutS === undefined ? undefined : parseWholeNumber(flags.timeoutS, '--timeout-s', 1, 2_147_483) * 1000,
    graceMs: parsePositiveInt(flags.graceMs, '--grace-ms'),
    port: parseWholeNumber(flags.port, '--port', 0, 65_535),
    sandboxDir: flags.sandboxDir,
    keepSandboxes: flags.keepSandboxes === true,
    stopRules: flags.stopRules,
    subscriptions,
    subagentSubscriptions: resolveSubagentSubscriptions(profiles, planTable, chosenPlans),
    isolationFlag: readIsolationFlag(flags.isolation),
  };
}

/**
 * Without `--estimand`, a provider with no subscription plan (nor per-token billing) registers bars: its windows cannot be priced in
 * dollars, and a plan in dollars would switch to bars in its own report. `--estimand usd`
 * asked for stays, and its report says the switch as a deviation.
 */
function readEstimandRequest(flags: RunFlags, unpriced: readonly string[]) {
  const request = readAnalysisRequest(flags);
  if (request.estimand !== undefined || unpriced.length === 0) return request;
  return { ...request, estimand: 'bars' };
}

/**
 * `--upstream scripted`: every back end is the scripted server, the sub-agent one too. The server keeps GLM models on
 * an account of their own, so the second subscription's quota reads only what the routed requests used.
 */
function sendToScripted(profile: ProviderProfile): ProviderProfile {
  const subagents = profile.subagents ? { ...profile.subagents, upstream: 'scripted' as const } : undefined;
  const failover = profile.failover ? { ...profile.failover, upstream: 'scripted' as const } : undefined;
  return { ...profile, upstream: 'scripted', ...(subagents ? { subagents } : {}), ...(failover ? { failover } : {}) };
}
