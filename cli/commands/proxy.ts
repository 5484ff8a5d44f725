// `tracker proxy`: the routing proxy in front of the model APIs (real token counts, bars, sub-agent routing).
import type { Command } from 'commander';
import { type BudgetFlags, type BudgetPolicy, describePolicy } from '../../budget/index.js';
import { AppError } from '../../kernel/index.js';
import { describeWrongStartPath, describeWrongToken, type KeptStartPath, type RunningProxy, startProxy } from '../../proxy/index.js';
import { type BudgetDisplay, startBudgetDisplay } from '../budget-display.js';
import { addBudgetOptions, readBudgetPolicy, readBudgetSince } from '../budget-options.js';
import { type CommandContext, resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { printResult } from '../print-output.js';
import { createUpstreamWarner } from '../warn-upstream-failures.js';
import { describeFailoverEvent, describeStartPath, describeTelemetryRow } from './proxy-lines.js';
import { createProxyOptions, type ProxyFlags } from './proxy-options.js';
import { readServeSettings } from './proxy-settings.js';
import { describeTable, renderLimits, renderTable } from './proxy-table.js';
import { waitForStopSignal } from './serve-until-signal.js';
import { addRotateSecretOption, resolveStartPath } from './start-path-option.js';

type CommandFlags = ProxyFlags & BudgetFlags & { budgetSince?: string };
type ServeSettings = ReturnType<typeof readServeSettings>;

/** Where the proxy's stderr lines go: above the live budget bars once they are drawn, else straight to stderr. */
interface ProxyOutput {
  display: BudgetDisplay | null;
  writeLine: (line: string) => void;
}

/** Options, config, then either the check's print or start, serve until a stop signal, and stop. */
export function createProxyCommand(): Command {
  const command = createProxyOptions().action(async function (this: Command, flags: CommandFlags) {
    const ctx = resolveContext(this);
    // The providers its providers.json declares (back ends, profiles, plans, prices): docs/providers.md.
    const catalog = loadProviderCatalog(ctx.dataDir);
    const policy = readBudgetPolicy(flags, catalog);
    const since = readBudgetSince(flags.budgetSince);
    const settings = readServeSettings(this, flags, catalog);
    if (flags.check) return printCheck(ctx, settings, policy);
    // The secret path keeps other local processes from spending on the back end's key.
    const kept = resolveStartPath(ctx.dataDir, settings.authToken, flags.rotateSecret);
    const output = openProxyOutput();
    const proxy = await startServing(ctx, flags, settings, policy, since, kept, output);
    // Listening before the URL is printed: a client that stops it on reading the URL must not meet the default SIGTERM.
    const stopping = waitForStopSignal();
    announceProxy(ctx, proxy, settings, policy, kept);
    output.display = showBudgets(proxy, policy);
    await stopServing(ctx, proxy, settings, output, await stopping);
  });
  return addRotateSecretOption(addBudgetOptions(command));
}

/** --check: the routing table, the limits and the budgets, and nothing started. */
function printCheck(ctx: CommandContext, { table, limits }: ServeSettings, policy: BudgetPolicy): void {
  printResult(
    ctx.json,
    { ...describeTable(table), budgets: policy.limits, limits },
    () =>
      `${renderTable(table)}${renderLimits(limits)}Budgets:\n${describePolicy(policy)
        .map((line) => `  ${line}\n`)
        .join('')}`,
  );
}

function openProxyOutput(): ProxyOutput {
  const output: ProxyOutput = {
    display: null,
    // With live bars on a terminal, every other stderr line goes above them.
    writeLine: (line) => void (output.display ? output.display.log(line) : process.stderr.write(line)),
  };
  return output;
}

function startServing(
  ctx: CommandContext,
  flags: CommandFlags,
  { table, host, port, authToken, limits }: ServeSettings,
  policy: BudgetPolicy,
  since: Date | undefined,
  kept: KeptStartPath | null,
  output: ProxyOutput,
): Promise<RunningProxy> {
  const { writeLine } = output;
  return startProxy({
    table,
    dataDir: ctx.dataDir,
    agentId: ctx.agentId,
    host,
    port,
    authToken,
    startPath: kept?.path ?? null,
    onWrongStartPath: kept ? () => writeLine(`tracker proxy: ${describeWrongStartPath(kept.file, 'request')}\n`) : undefined,
    onWrongToken: () => writeLine(`tracker proxy: ${describeWrongToken('request')}\n`),
    limits,
    budget: { policy, since, onEvent: (event) => output.display?.onEvent(event) },
    onWriteError: (message) => writeLine(`tracker proxy: could not write telemetry yet (will retry): ${message}\n`),
    onFailover: (event) => writeLine(describeFailoverEvent(event)),
    onFailoverQuotaProblem: (line) => writeLine(`tracker proxy: could not read the failover chain's bars: ${line}\n`),
    onTelemetry: flags.verbose ? (row) => writeLine(describeTelemetryRow(row)) : createUpstreamWarner(writeLine),
  });
}

/** The URL to point clients at (with the secret path's lines), or the same as JSON. */
function announceProxy(
  ctx: CommandContext,
  proxy: RunningProxy,
  { table }: ServeSettings,
  policy: BudgetPolicy,
  kept: KeptStartPath | null,
): void {
  printResult(
    ctx.json,
    {
      url: proxy.url,
      port: proxy.port,
      secret_path: kept !== null,
      secret_file: kept?.file ?? null,
      secret_created: kept?.created ?? false,
      ...describeTable(table),
      budgets: policy.limits,
      rebuilt: proxy.rebuilt,
    },
    () => `tracker proxy listening on ${proxy.url}\n${kept === null ? '' : describeStartPath(proxy.url, kept)}`,
  );
}

/** The budgets it enforces, said once, then drawn live; none without a budget. */
function showBudgets(proxy: RunningProxy, policy: BudgetPolicy): BudgetDisplay | null {
  const budget = proxy.budget;
  if (!budget) return null;
  const rebuilt = proxy.rebuilt ? `; usage so far rebuilt from ${proxy.rebuilt.requests} request(s) in the ledger` : '';
  process.stderr.write(
    `tracker proxy: enforcing ${policy.limits.length} budget(s)${rebuilt}\n${describePolicy(policy)
      .map((line) => `  ${line}\n`)
      .join('')}`,
  );
  return startBudgetDisplay(() => budget.tracker.usage());
}

/** Streams in flight get the grace to finish; a row that could not be written fails the command, naming the data dir. */
async function stopServing(
  ctx: CommandContext,
  proxy: RunningProxy,
  { graceMs }: ServeSettings,
  output: ProxyOutput,
  signal: string,
): Promise<void> {
  output.display?.stop();
  process.stderr.write(`tracker proxy: ${signal}, finishing ${proxy.inFlight()} request(s) in flight\n`);
  const { aborted, lostRows } = await proxy.stop(graceMs);
  const cut = aborted ? ` (cut ${aborted} stream(s) still running)` : '';
  if (lostRows > 0)
    throw new AppError('IO', `stopped${cut}, but ${lostRows} row(s) of telemetry and bar readings could not be written to ${ctx.dataDir}`, {
      where: 'proxy',
    });
  process.stderr.write(`tracker proxy: stopped${cut}; telemetry flushed\n`);
}
