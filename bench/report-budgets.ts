// Prints the budget bench: a table per load for budgets off / on, their ratios and verdicts, an optional profile, then the overshoot part.
import { readTopSelfTime } from './cpu-profile-top.js';
import { benchBudgets, type BudgetSettings } from './bench-budgets.js';
import type { OverheadResult } from './budget-overhead.js';
import { addedLast, compareLoads, TARGET_RATIO, type LoadComparison, type RatioSet } from './budget-ratios.js';
import { num, table, verdict } from './format-report.js';
import { printOvershoot } from './report-overshoot.js';

const formatMs = (value: number): string => (Number.isFinite(value) ? num(value, 2) : 'n/a');
const formatDelta = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${num(value, 2)}` : 'n/a');
const formatRatio = (value: number): string => (Number.isFinite(value) ? num(value, 3) : 'n/a');

/** Runs and prints the budget bench; 1 when a path failed requests, a run failed, or a part broke. */
export async function reportBudgets(workDir: string, settings: BudgetSettings): Promise<number> {
  const { overhead: plan } = settings;
  console.log(
    'Budgets: proxy overhead with budgets on vs off, and block-mode overshoot (scripted server, each server and proxy its own process on 127.0.0.1)',
  );
  const bench = await benchBudgets(workDir, settings);
  if ('skipped' in bench) {
    console.log(`  SKIPPED: ${bench.skipped}\n`);
    return 0;
  }
  console.log(
    `  overhead: streaming POST /v1/messages (\`bench\` script, ~60 SSE deltas, small body with x-tracker-agent: main, x-tracker-command: /x) direct and through proxies with budgets off,`,
  );
  console.log(
    `  on (${bench.overhead instanceof Error ? 'n/a' : bench.overhead.flags.join(' ')})${plan.twin ? ' and off again (twin: the noise floor)' : ''};`,
  );
  console.log(
    `  ${plan.rounds} interleaved rounds; 1 client: up to ${num(plan.seqRequests)} requests per path (${num(plan.seqWarmup)} warm-up, at most ${plan.seqSeconds} s per path); ` +
      `${plan.loadClients} clients: closed loops, ${plan.loadSeconds} s per path (0.5 s warm-up)`,
  );
  console.log(
    '  times in ms from dispatch to the last body byte; "+" = added over direct at the same percentile; CPU/req = CPU ms per request of the proxy process (all threads) / upstream / load client\n',
  );
  let failed = true;
  if (bench.overhead instanceof Error) console.log(`  overhead: FAILED: ${bench.overhead.stack ?? bench.overhead.message}\n`);
  else failed = printOverhead(bench.overhead);
  failed = printOvershoot(bench.overshoot) || failed;
  console.log('');
  return failed ? 1 : 0;
}

function printOverhead(result: OverheadResult): boolean {
  const comparisons = compareLoads(result.phases);
  for (const comparison of comparisons) printLoad(comparison);
  console.log(
    '  Targets (budgets on / off, "within 5%"; the twin column is two identical budget-free proxies, i.e. what this run can resolve):',
  );
  for (const { clients, onVsOff, twinVsOff, off, on, direct } of comparisons) {
    const load = `${clients} client${clients === 1 ? '' : 's'}`;
    const twin = (pick: (r: RatioSet) => number): string => (twinVsOff ? `; twin/off ${formatRatio(pick(twinVsOff))}` : '');
    for (const key of ['p50', 'p99'] as const) {
      const ratio = key === 'p50' ? onVsOff.addedP50 : onVsOff.addedP99;
      const offAdded = addedLast(off, direct, key);
      // A budget-free proxy measured no slower than direct (noise at this load): no ratio to it means anything.
      if (!(offAdded > 0)) {
        console.log(
          `  ${load}: added last-byte ${key} over direct ${formatMs(addedLast(on, direct, key))} ms on vs ${formatMs(offAdded)} ms off = n/a (the budget-free proxy added nothing measurable here, so there is no ratio; target <= x${1 + TARGET_RATIO}: n/a)`,
        );
        continue;
      }
      console.log(
        `  ${load}: added last-byte ${key} over direct ${formatMs(addedLast(on, direct, key))} ms on vs ${formatMs(addedLast(off, direct, key))} ms off = x${formatRatio(ratio)}` +
          `${twin((r) => (key === 'p50' ? r.addedP50 : r.addedP99))} (target <= x${1 + TARGET_RATIO}: ${verdict(ratio, 1 + TARGET_RATIO + 1e-12, false)})`,
      );
    }
    console.log(
      `  ${load}: throughput ${num(on.perSecond)} vs ${num(off.perSecond)} req/s = x${formatRatio(onVsOff.perSecond)}${twin((r) => r.perSecond)} (target >= x${1 - TARGET_RATIO}: ${verdict(onVsOff.perSecond, 1 - TARGET_RATIO, true)})`,
    );
    console.log(
      `  ${load}: proxy CPU per request ${formatMs(on.cpuPerRequestMs ?? Number.NaN)} vs ${formatMs(off.cpuPerRequestMs ?? Number.NaN)} ms = x${formatRatio(onVsOff.cpuPerRequest)}${twin((r) => r.cpuPerRequest)} (not a target; the cost behind the two above)`,
    );
  }
  const { matched } = result;
  console.log(
    `  every budget evaluated on the bench request: ${matched instanceof Error ? `FAILED to check: ${matched.message}` : `${matched.length === 3 ? 'yes' : 'NO'} (a 1-token warn copy of the budgets recorded \`exceeded\` for ${matched.join(', ') || 'none'})`}`,
  );
  printProfile(result);
  console.log('');
  return comparisons.some((c) => c.paths.some((path) => path.errors > 0)) || matched instanceof Error || matched.length !== 3;
}

function printLoad(comparison: LoadComparison): void {
  const { direct, clients } = comparison;
  console.log(`  ${clients} client${clients === 1 ? '' : 's'}`);
  const rows = comparison.paths.map((path) => [
    path.target,
    `${num(path.n)}${path.errors ? ` (${num(path.errors)} failed)` : ''}`,
    `${formatMs(path.first.p50)} / ${formatMs(path.first.p99)}`,
    `${formatMs(path.last.p50)} / ${formatMs(path.last.p99)}`,
    path === direct ? '-' : `${formatDelta(addedLast(path, direct, 'p50'))} / ${formatDelta(addedLast(path, direct, 'p99'))}`,
    num(path.perSecond),
    `${path.cpuPerRequestMs === null ? '-' : formatMs(path.cpuPerRequestMs)} / ${formatMs(path.upstreamCpuPerRequestMs)} / ${formatMs(path.clientCpuPerRequestMs)}`,
  ]);
  console.log(
    table(['path', 'requests', 'first p50 / p99', 'last p50 / p99', '+last p50 / p99', 'req/s', 'CPU/req proxy / upstream / client'], rows),
  );
  for (const path of comparison.paths) if (path.firstError) console.log(`  ${path.target}: first failure: ${path.firstError}`);
  console.log('');
}

/** The profile's top self time, and how much of it sits in the budget code (dist/budget, dist/proxy/budget). */
function printProfile(result: OverheadResult): void {
  const { profile } = result;
  if (profile === null)
    return console.log('  CPU profile of the budgets-on proxy: not taken (no 5% target missed; BENCH_BUDGET_PROFILE=always takes one)');
  if (profile instanceof Error) return console.log(`  CPU profile: FAILED: ${profile.message}`);
  const all = readTopSelfTime(profile.file, 100_000);
  const inBudget = all.entries.filter((entry) => /(^|\/)budget\//.test(entry.where));
  const budgetMs = inBudget.reduce((sum, entry) => sum + entry.ms, 0);
  console.log(
    `\n  CPU profile of the budgets-on proxy (node --cpu-prof) over ${num(profile.requests)} requests at load: ${num(profile.busyMs)} ms busy, ${num(profile.idleMs)} ms idle; ` +
      `self time in budget code: ${num(budgetMs)} ms (${num((100 * budgetMs) / (profile.busyMs || 1), 1)}% of busy; JSON.parse and other built-ins it calls are counted under their own names); top self time:`,
  );
  const rows = profile.top.map((entry) => [entry.name, `${num(entry.ms)} ms`, `${num(100 * entry.share, 1)}%`, entry.where]);
  console.log(table(['function', 'self', 'of busy', 'where'], rows));
  console.log(
    `  in budget code: ${inBudget
      .slice(0, 8)
      .map((entry) => `${entry.name} ${num(entry.ms)} ms (${entry.where.replace(/^.*?budget\//, '')})`)
      .join(', ')}; ` + "the stream guard's own SSE reader (proxy/tap/sse-reader) counts under tap",
  );
  console.log(`  profile: ${profile.file}`);
}
