// `npm run bench`: appends, statusline, start-up CPU, Codex rollout ingest, preview over 1M rows, proxy, budgets, failover, statistics, PostgreSQL, the viewer, task import, redaction, a three-account month (calibrate, plans, statusline against BENCH_BASE_DIST); BENCH_ONLY=proxy,... runs a subset.
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { benchAppends, type AppendResult } from './bench-appends.js';
import { benchCapture } from './bench-capture.js';
import { benchStatusline } from './bench-statusline.js';
import { benchStartup } from './bench-startup.js';
import { formatLoadedModules } from './summarize-loaded-modules.js';
import { benchRollouts } from './bench-rollouts.js';
import { mb, num, table, verdict } from './format-report.js';
import { benchStats } from './bench-stats.js';
import { reportRedaction } from './bench-redaction.js';
import { benchReport, formatReportBench } from './bench-report.js';
import type { BudgetSettings } from './bench-budgets.js';
import type { ProxySettings } from './bench-proxy.js';
import { reportBudgets } from './report-budgets.js';
import { reportFailover } from './bench-failover.js';
import { reportPreview } from './report-preview.js';
import { reportProxy } from './report-proxy.js';
import { readPostgresSettings, reportPostgres } from './report-postgres.js';
import { reportViewer } from './report-viewer.js';
import { reportAccountMonth } from './bench-account-month.js';

const TARGET_APPENDS_PER_S = 5_000;
const TARGET_STATUSLINE_MS = 150;
/** CPU seconds from start to exit as a multiple of a bare `node -e 0` in the same run, which the machine's load moves alike. */
const STARTUP_TARGET_RATIOS: ReadonlyMap<string, number> = new Map([
  ['tracker snapshot before', 3],
  ['tracker statusline', 2],
]);
const TARGET_ROLLOUT_S = 10;
const TARGET_ROLLOUT_RERUN_S = 1;

const BENCHES = [
  'appends',
  'statusline',
  'startup',
  'rollouts',
  'preview',
  'capture',
  'proxy',
  'budgets',
  'failover',
  'stats',
  'report',
  'report-scale',
  'runner',
  'postgres',
  'viewer',
  'import',
  'redaction',
  'account-month',
] as const;

const envInt = (name: string, fallback: number, allowZero = false): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${process.env[name]}`);
  return value;
};

/** BENCH_ONLY: comma-separated names from BENCHES; unset or empty runs them all. */
function selectBenches(): Set<string> {
  const names = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(BENCHES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown bench ${unknown.join(', ')} (expected some of ${BENCHES.join(', ')})`);
  return new Set(names.length > 0 ? names : BENCHES);
}

async function main(): Promise<number> {
  const only = selectBenches();
  const perWriter = envInt('BENCH_APPENDS', 5_000);
  const writers = envInt('BENCH_WRITERS', 8);
  const snapshotRows = envInt('BENCH_SNAPSHOT_ROWS', 1_000_000);
  const workDir = resolve('.bench-tmp', `run-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  console.log(
    `agent-tracker bench: node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs, data in ${workDir}\n`,
  );
  let code = 0;
  try {
    if (only.has('appends')) await reportAppends(workDir, writers, perWriter);
    if (only.has('statusline'))
      reportStatusline(join(workDir, 'statusline'), envInt('BENCH_STATUSLINE_RUNS', 40), envInt('BENCH_STATUSLINE_NPX_RUNS', 5));
    if (only.has('startup')) reportStartup(join(workDir, 'startup'), envInt('BENCH_STARTUP_RUNS', 15));
    if (only.has('account-month')) code = Math.max(code, reportAccountMonth(workDir, envInt('BENCH_ACCOUNT_MONTH_RUNS', 5)));
    if (only.has('rollouts'))
      code = Math.max(
        code,
        await reportRollouts(join(workDir, 'rollouts'), envInt('BENCH_ROLLOUT_FILES', 1_000), envInt('BENCH_ROLLOUT_BYTES', 500_000)),
      );
    if (only.has('preview')) code = Math.max(code, await reportPreview(workDir, snapshotRows));
    if (only.has('capture')) reportCapture(workDir, envInt('BENCH_CAPTURE_PAIRS', 5));
    if (only.has('proxy')) code = Math.max(code, await reportProxy(join(workDir, 'proxy'), readProxySettings()));
    if (only.has('budgets')) code = Math.max(code, await reportBudgets(join(workDir, 'budgets'), readBudgetSettings()));
    if (only.has('failover'))
      code = Math.max(
        code,
        await reportFailover(join(workDir, 'failover'), {
          rounds: envInt('BENCH_FAILOVER_ROUNDS', 8),
          requests: envInt('BENCH_FAILOVER_REQUESTS', 4_000),
          warmup: envInt('BENCH_FAILOVER_WARMUP', 300, true),
          seconds: envInt('BENCH_FAILOVER_SECONDS', 12),
        }),
      );
    if (only.has('stats')) reportStats();
    if (only.has('report')) {
      const { text, code: reportCode } = formatReportBench(
        await benchReport(join(workDir, 'report'), envInt('BENCH_REPORT_WINDOWS', 10_000)),
      );
      console.log(text);
      code = Math.max(code, reportCode);
    }
    if (only.has('report-scale'))
      code = Math.max(
        code,
        await (await import('./bench-report-scale.js')).reportScale(
          join(workDir, 'report-scale'),
          envInt('BENCH_SCALE_WINDOWS', 10_000),
          envInt('BENCH_SCALE_RUNS', 2),
        ),
      );
    if (only.has('runner')) code = Math.max(code, await (await import('./bench-runner.js')).reportRunner());
    if (only.has('postgres')) code = Math.max(code, await reportPostgres(join(workDir, 'postgres'), readPostgresSettings(writers, envInt)));
    if (only.has('viewer'))
      code = Math.max(
        code,
        await reportViewer(join(workDir, 'viewer'), {
          windows: envInt('BENCH_VIEWER_WINDOWS', 100_000),
          plans: envInt('BENCH_VIEWER_PLANS', 10),
          runs: envInt('BENCH_VIEWER_RUNS', 3),
          // BENCH_VIEWER_PROFILE=1: the first cold start runs with --cpu-prof (the server and its ledger reader).
          profileDir: process.env.BENCH_VIEWER_PROFILE === '1' ? resolve('.bench-tmp', 'cpu-profiles', 'viewer') : null,
          chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        }),
      );
    if (only.has('import')) code = Math.max(code, await (await import('./bench-import.js')).reportImport());
    if (only.has('redaction')) reportRedaction();
    return code;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The statistics behind a report: a paired BCa bootstrap of 10,000 resamples over 100 tasks, power, sample size. */
function reportStats(): void {
  const result = benchStats();
  console.log(
    `Statistics: bootstrap of ${result.resamples.toLocaleString('en-US')} resamples over ${result.tasks} tasks (4 statistics, percentile + BCa), ${result.runs} runs`,
  );
  console.log(
    `  median ${result.bootstrapMedianMs.toFixed(1)} ms, max ${result.bootstrapMaxMs.toFixed(1)} ms (target < ${result.targetMs} ms: ${result.bootstrapMedianMs < result.targetMs ? 'MET' : 'MISSED'}); power ${result.powerMeanMs.toFixed(3)} ms a call, sample size ${result.sampleSizeMeanMs.toFixed(3)} ms a call`,
  );
  console.log(
    `  power and sample size at effects 1e-300..1.7e308, n 3..1e6: slowest ${result.extremeMaxMs.toFixed(1)} ms (${result.extremeSlowest}; target < 1000 ms: ${result.extremeMaxMs < 1000 ? 'MET' : 'MISSED'})\n`,
  );
}

/** BENCH_PROXY_*: counts and seconds of the proxy bench (defaults: ~90 s on 2 cores); PROFILE_SECONDS > 0 adds a --cpu-prof run, CCR=0 skips ccr, VARIANT_FLAGS adds a proxy run with those node flags. */
function readProxySettings(): ProxySettings {
  return {
    seqRequests: envInt('BENCH_PROXY_REQUESTS', 2_000),
    seqWarmup: envInt('BENCH_PROXY_WARMUP', 200, true),
    seqSeconds: envInt('BENCH_PROXY_SEQ_SECONDS', 10),
    loadClients: envInt('BENCH_PROXY_CLIENTS', 64),
    loadSeconds: envInt('BENCH_PROXY_LOAD_SECONDS', 4),
    memoryWarmup: envInt('BENCH_PROXY_MEMORY_WARMUP', 1_000, true),
    memoryRequests: envInt('BENCH_PROXY_MEMORY_REQUESTS', 10_000),
    profileSeconds: envInt('BENCH_PROXY_PROFILE_SECONDS', 0, true),
    profileDir: resolve('.bench-tmp', 'cpu-profiles'),
    ccr: process.env.BENCH_PROXY_CCR !== '0',
    variantFlags: (process.env.BENCH_PROXY_VARIANT_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
  };
}

/** BENCH_BUDGET_*: the budget bench (defaults: ~80 s on 2 cores); TWIN=0 drops the noise-floor proxy, PROFILE=auto|always|never. */
function readBudgetSettings(): BudgetSettings {
  const profile = process.env.BENCH_BUDGET_PROFILE ?? 'auto';
  if (profile !== 'auto' && profile !== 'always' && profile !== 'never')
    throw new Error(`BENCH_BUDGET_PROFILE must be auto, always or never, got ${profile}`);
  return {
    overhead: {
      rounds: envInt('BENCH_BUDGET_ROUNDS', 6),
      seqRequests: envInt('BENCH_BUDGET_REQUESTS', 3_000),
      seqWarmup: envInt('BENCH_BUDGET_WARMUP', 200, true),
      seqSeconds: envInt('BENCH_BUDGET_SEQ_SECONDS', 8),
      loadClients: envInt('BENCH_BUDGET_CLIENTS', 64),
      loadSeconds: envInt('BENCH_BUDGET_LOAD_SECONDS', 5),
      twin: process.env.BENCH_BUDGET_TWIN !== '0',
      profile,
      profileSeconds: envInt('BENCH_BUDGET_PROFILE_SECONDS', 4, true),
      profileDir: resolve('.bench-tmp', 'cpu-profiles'),
    },
    overshoot: {
      runs: envInt('BENCH_BUDGET_RUNS', 100),
      minLimit: envInt('BENCH_BUDGET_MIN_LIMIT', 50),
      maxLimit: envInt('BENCH_BUDGET_MAX_LIMIT', 1_500),
      seed: envInt('BENCH_BUDGET_SEED', 1),
      parallel: envInt('BENCH_BUDGET_PARALLEL', 4),
      script: process.env.BENCH_BUDGET_SCRIPT || 'long',
    },
  };
}

async function reportAppends(workDir: string, writers: number, perWriter: number): Promise<void> {
  console.log(`Appends: single-row appendRows calls (flock + write + fsync), ${num(perWriter)} per process, one shared file`);
  const results: AppendResult[] = [];
  for (const count of [1, writers]) results.push(await benchAppends(join(workDir, `appends-${count}`), count, perWriter));
  const rows = results.map((r) => [String(r.writers), num(r.appends), `${num(r.seconds, 2)} s`, num(r.perSecond)]);
  console.log(table(['writers', 'appends', 'wall', 'appends/s'], rows));
  const [one, many] = results as [AppendResult, AppendResult];
  const ratio = many.perSecond / one.perSecond;
  const target = `target >= ${num(TARGET_APPENDS_PER_S)}/s: ${verdict(many.perSecond, TARGET_APPENDS_PER_S, true)}`;
  console.log(
    `  ${writers} writers: ${num(many.perSecond)} appends/s (${num(ratio, 2)}x of 1 writer; ${num(many.perSecond / TARGET_APPENDS_PER_S, 2)} of the target) -> ${target}`,
  );
  console.log(`  every line accounted for: ${num(one.appends)} and ${num(many.appends)} lines written and counted\n`);
}

/** A before and an after on ledgers of 1k, 100k and 1M snapshot rows: one scan under the lock each, so time grows with the file. */
function reportCapture(workDir: string, pairs: number): void {
  console.log(
    `Capture: recordSnapshot on generated ledgers (in process): the agent's first capture (full scan), then before and after (checkpoint, median of ${pairs})`,
  );
  const sizes = benchCapture(join(workDir, 'capture'), [1_000, 100_000, 1_000_000], pairs);
  console.log(
    table(
      ['snapshot rows', 'first (cold)', 'before', 'after'],
      sizes.map((size) => [num(size.rows), `${num(size.coldMs, 1)} ms`, `${num(size.beforeMs, 1)} ms`, `${num(size.afterMs, 1)} ms`]),
    ),
  );
  const [small, , large] = sizes;
  if (small && large)
    console.log(
      `  1M rows against 1k: first x${num(large.coldMs / small.coldMs, 1)} (one full read), then before x${num(large.beforeMs / small.beforeMs, 1)}, after x${num(large.afterMs / small.afterMs, 1)} (reads only the rows since the checkpoint)\n`,
    );
}

function reportStartup(workDir: string, runs: number): void {
  console.log(`Start-up: CPU seconds (user + system) from process start to exit, ${runs} runs each, alternated; what one run loads`);
  const cases = benchStartup(workDir, runs);
  const bare = cases[0]?.medianCpuS ?? Number.NaN;
  for (const entry of cases) {
    const ratio = entry.medianCpuS / bare;
    const target = STARTUP_TARGET_RATIOS.get(entry.label);
    const judged = target === undefined ? '' : ` -> target <= ${target}x: ${verdict(ratio, target + Number.EPSILON, false)}`;
    console.log(
      `  ${entry.label.padEnd(32)} median ${num(entry.medianCpuS, 3)} s, min ${num(entry.minCpuS, 3)} s (${num(ratio, 1)}x node -e 0)${judged}`,
    );
    if (entry.loaded !== null) console.log(`  ${''.padEnd(32)} loads ${formatLoadedModules(entry.loaded)}`);
  }
  console.log('');
}

function reportStatusline(dataDir: string, runs: number, npxRuns: number): void {
  console.log(`Statusline: tracker statusline from process start to exit, ${runs} runs (half with changed bars, recorded)`);
  const bench = benchStatusline(dataDir, runs, npxRuns);
  const target = `target median < ${TARGET_STATUSLINE_MS} ms: ${verdict(bench.medianMs, TARGET_STATUSLINE_MS, false)}`;
  console.log(
    `  node dist/cli/tracker.js statusline: median ${num(bench.medianMs)} ms, p90 ${num(bench.p90Ms)} ms (${num(bench.medianMs / TARGET_STATUSLINE_MS, 2)} of the target) -> ${target}`,
  );
  console.log(
    `  node -e 0:                           median ${num(bench.bareNodeMedianMs)} ms; statusline / node = ${num(bench.medianMs / bench.bareNodeMedianMs, 2)}x`,
  );
  // The form docs/statusline.md once advised: Claude Code runs it after every message.
  console.log(
    `  npx --no-install tracker statusline: median ${num(bench.npxMedianMs)} ms over ${bench.npxRuns} runs; npx / node dist/cli/tracker.js = ${num(bench.npxMedianMs / bench.medianMs, 1)}x\n`,
  );
}

async function reportRollouts(workDir: string, files: number, bytesPerFile: number): Promise<number> {
  console.log(`Codex rollouts: tracker ingest codex-rollout over ${num(files)} generated rollout files of ~${num(bytesPerFile / 1000)} kB`);
  const bench = await benchRollouts(workDir, files, bytesPerFile);
  const readings = (measure: { stdout: string }): string => {
    try {
      return num((JSON.parse(measure.stdout) as { readings: number }).readings);
    } catch {
      return 'n/a';
    }
  };
  console.log(`  generated ${num(bench.files)} files, ${num(mb(bench.bytes / 1024))} MB, ${num(bench.tokenCounts)} token_count events`);
  for (const [label, measure, target] of [
    ['first run', bench.first, TARGET_ROLLOUT_S],
    ['re-run, nothing new', bench.rerun, TARGET_ROLLOUT_RERUN_S],
  ] as const) {
    console.log(
      `  ${label}: ${num(measure.wallSeconds, 2)} s (${num(measure.wallSeconds / target, 2)} of the ${target} s target: ${verdict(measure.wallSeconds, target, false)}), readings recorded: ${readings(measure)}, exit ${measure.code}`,
    );
  }
  console.log('');
  return bench.first.code === 0 && bench.rerun.code === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
