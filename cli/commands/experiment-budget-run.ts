// `experiment budget run -- CMD ARGS`: runs an agent under the budgets, watching its own event stream; stops it at a block budget.
import { Command } from 'commander';
import {
  BudgetTracker,
  buildBudgetEventRow,
  describePolicy,
  normalizeCommand,
  rebuildFromLedger,
  type BudgetFlags,
} from '../../budget/index.js';
import {
  appendRows,
  completeWindow,
  findWindow,
  findWindowReading,
  recordSnapshot,
  LEDGER_FILES,
  ProviderIdSchema,
  WindowIdSchema,
} from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { runAgentWithBudget, type AgentOutcome } from '../../runner/index.js';
import { addBudgetOptions, readBudgetPolicy, readBudgetSince } from '../budget-options.js';
import { describeBudgetEvent } from '../budget-display.js';
import { readGitHead } from '../git-head.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { parseFraction, parsePositiveInt, parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';

interface RunFlags extends BudgetFlags {
  command?: string;
  provider?: string;
  window?: string;
  feature?: string;
  model?: string;
  quality?: string;
  graceMs: string;
  timeoutMs?: string;
  budgetSince?: string;
  proxyUrl?: string;
}

export function createBudgetRunCommand(): Command {
  const command = new Command('run')
    .description(
      'run an agent (e.g. claude -p ... --output-format stream-json --verbose, or codex exec --json ...) under the budgets; a block-mode budget crossed stops it',
    )
    .argument('<program>', 'the agent program')
    .argument('[args...]', 'its arguments (put them after --)')
    .option('--command <cmd>', 'the command its usage is charged to (e.g. /implement)')
    .option('--provider <name>', 'the provider key its usage is charged to (for --provider-budget)')
    .option('--window <id>', 'the window its usage is charged to; with --provider, the window is completed with the outcome')
    .option('--feature <id>', 'the feature its usage is charged to')
    .option('--model <model>', 'model for the cost metric when the agent does not say')
    .option('--quality <q>', 'quality to complete the window with (default: 0 when stopped or failed, else required)')
    .option('--grace-ms <ms>', 'after SIGTERM, how long before SIGKILL', '5000')
    .option('--timeout-ms <ms>', 'stop the agent after this long (outcome timed-out)')
    .option(
      '--proxy-url <url>',
      'the base URL of the tracker proxy the agent used, as it printed it: asked to flush before the window is completed from its readings',
    )
    .action(async function (this: Command, program: string, args: string[]) {
      // The budget flags are also `experiment budget`'s: commander gives them to whichever it meets first.
      const flags = this.optsWithGlobals<RunFlags>();
      const ctx = resolveContext(this);
      // The providers its providers.json declares price the cost metric: docs/providers.md.
      const policy = readBudgetPolicy(flags, loadProviderCatalog(ctx.dataDir));
      const windowId = flags.window === undefined ? null : parseWithSchema(WindowIdSchema, flags.window, '--window');
      // Everything is checked before the agent starts: a typo must not cost a run.
      const provider = flags.provider === undefined ? null : parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      const proxyUrl = flags.proxyUrl === undefined ? null : parseProxyUrl(flags.proxyUrl);
      const proxyBudgets = proxyUrl ? await readProxyBudgets(proxyUrl) : new Set<string>();
      const graceMs = parsePositiveInt(flags.graceMs, '--grace-ms');
      const quality = flags.quality === undefined ? undefined : parseFraction(flags.quality, '--quality');
      const tracker = new BudgetTracker(policy);
      const rebuilt = rebuildFromLedger(ctx.dataDir, tracker, readBudgetSince(flags.budgetSince)).requests;
      process.stderr.write(
        `experiment budget run: ${describePolicy(policy).join('; ')} (usage so far from ${rebuilt} request(s) in the ledger)\n`,
      );
      const stamp = { agentId: ctx.agentId, source: 'runner' as const };
      const result = await runAgentWithBudget({
        file: program,
        args,
        context: {
          agent: ctx.agentId,
          command: normalizeCommand(flags.command),
          provider: flags.provider ?? null,
          window: windowId,
          feature: flags.feature ?? null,
          model: flags.model ?? null,
        },
        tracker,
        graceMs,
        timeoutMs: flags.timeoutMs === undefined ? 0 : parsePositiveInt(flags.timeoutMs, '--timeout-ms'),
        onEvent: (event) => {
          // With a proxy in front, it records the crossings of the same traffic: the runner adds only its stops.
          const recorded = event.type === 'stopped' || event.type === 'refused' || !proxyBudgets.has(budgetKey(event));
          // Each event is on disk at once: a run killed later keeps what it crossed.
          if (recorded) appendRows(ctx.dataDir, LEDGER_FILES.budgetEvents, [buildBudgetEventRow(stamp, event)], stamp);
          process.stderr.write(`${describeBudgetEvent(event)}${recorded ? '' : ' (recorded by the proxy)'}\n`);
        },
      });
      if (proxyUrl) await flushProxy(proxyUrl);
      const completed = windowId && provider ? completeRun(ctx.dataDir, stamp, provider, windowId, result.outcome, quality) : null;
      printResult(
        ctx.json,
        { ...result, completed },
        () =>
          `Agent ${program} ended: ${result.outcome} (exit ${result.exitCode ?? '-'}${result.signal ? `, ${result.signal}` : ''}); used ${result.usage.input} in, ${result.usage.output} out, ${result.usage.cache_read} cache read, ${result.usage.cache_creation} cache write${completed ? `; window ${completed} completed as ${result.outcome}` : ''}\n`,
      );
      if (result.outcome === 'budget-exceeded') process.exitCode = 4;
      else if (result.outcome !== 'success') process.exitCode = 1;
    });
  return addBudgetOptions(command);
}

function parseProxyUrl(value: string): string {
  try {
    const url = new URL(value);
    // The path stays: an everyday proxy on loopback answers under the secret base path it printed.
    if (url.protocol === 'http:' || url.protocol === 'https:') return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    // reported below
  }
  throw new AppError('BAD_USAGE', `expected the proxy's http(s) URL, got ${JSON.stringify(value)}`, { where: '--proxy-url' });
}

const budgetKey = (budget: { budget?: string; id?: string; metric: string; limit: number }): string =>
  `${budget.budget ?? budget.id}|${budget.metric}|${budget.limit}`;

/** The token of a proxy started with one (TRACKER_PROXY_AUTH_TOKEN, as the proxy reads it), for its /_tracker/ routes. */
function readProxyAuth(): Record<string, string> {
  const token = process.env.TRACKER_PROXY_AUTH_TOKEN;
  return token ? { 'x-tracker-auth': token } : {};
}

/** The budgets the proxy enforces itself (their crossings are its to record); none when it cannot say. */
async function readProxyBudgets(url: string): Promise<Set<string>> {
  try {
    const health = (await (await fetch(`${url}/_tracker/health`, { headers: readProxyAuth() })).json()) as {
      budgets?: { id: string; metric: string; limit: number }[];
    };
    return new Set((health.budgets ?? []).map(budgetKey));
  } catch (error) {
    printNote(`could not ask the proxy at ${url} for its budgets: ${(error as Error).message}`);
    return new Set();
  }
}

/** Asks the proxy to write what it holds; a proxy that cannot be reached is a note (the window may stay open). */
async function flushProxy(url: string): Promise<void> {
  try {
    const response = await fetch(`${url}/_tracker/flush`, { method: 'POST', headers: readProxyAuth() });
    if (!response.ok) printNote(`the proxy at ${url} answered ${response.status} to a flush`);
  } catch (error) {
    printNote(`could not reach the proxy at ${url} to flush it: ${(error as Error).message}`);
  }
}

/** A window without an after takes it from the proxy's last reading tagged with it, when there is one. */
function closeFromProxy(dataDir: string, stamp: Parameters<typeof completeWindow>[1], provider: string, windowId: string): void {
  const { window } = findWindow(dataDir, stamp.agentId, windowId, provider);
  if (window.after) return;
  const reading = findWindowReading(dataDir, { provider, format: 'proxy-headers', windowId, pick: 'last', notAfter: Date.now() });
  if (!reading || reading.window_id !== windowId) return;
  recordSnapshot(dataDir, stamp, {
    provider,
    phase: 'after',
    windowId,
    reading: { format: reading.format, bars: reading.bars, parse_errors: [] },
    capturedAt: new Date(reading.captured_at),
    notes: `from proxy reading ${reading.id}`,
  });
}

/** Completes the window with the run's outcome; a window that cannot be completed yet is a note, not a failure. */
function completeRun(
  dataDir: string,
  stamp: Parameters<typeof completeWindow>[1],
  provider: string,
  windowId: string,
  outcome: AgentOutcome,
  quality: number | undefined,
): string | null {
  if (quality === undefined && outcome === 'success') {
    printNote(`window ${windowId} left open: pass --quality to complete a successful run`);
    return null;
  }
  try {
    closeFromProxy(dataDir, stamp, provider, windowId);
    const row = completeWindow(dataDir, stamp, {
      provider,
      windowId,
      quality: quality ?? 0,
      outcome,
      gitHead: readGitHead(),
      methodology: 'experiment budget run',
    });
    return row.window_id;
  } catch (error) {
    if (error instanceof AppError) {
      printNote(`window ${windowId} not completed: ${error.message}`);
      return null;
    }
    throw error;
  }
}
