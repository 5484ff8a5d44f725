// `npm run bench`: appends (1 vs 8 writers), preview over 1M rows, statusline start to exit, Codex rollout ingest.
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { benchAppends, type AppendResult } from './bench-appends.js';
import { benchPreview } from './bench-preview.js';
import { benchStatusline } from './bench-statusline.js';
import { benchRollouts } from './bench-rollouts.js';
import { mb, num, table, verdict } from './format-report.js';

const TARGET_APPENDS_PER_S = 5_000;
const TARGET_PREVIEW_S = 3;
const TARGET_PREVIEW_MB = 300;
const TARGET_STATUSLINE_MS = 150;
const TARGET_ROLLOUT_S = 10;
const TARGET_ROLLOUT_RERUN_S = 1;

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
};

async function main(): Promise<number> {
  const perWriter = envInt('BENCH_APPENDS', 5_000);
  const writers = envInt('BENCH_WRITERS', 8);
  const snapshotRows = envInt('BENCH_SNAPSHOT_ROWS', 1_000_000);
  const workDir = resolve('.bench-tmp', `run-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  console.log(`agent-tracker bench: node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs, data in ${workDir}\n`);
  try {
    await reportAppends(workDir, writers, perWriter);
    reportStatusline(join(workDir, 'statusline'), envInt('BENCH_STATUSLINE_RUNS', 40));
    const rollouts = await reportRollouts(join(workDir, 'rollouts'), envInt('BENCH_ROLLOUT_FILES', 1_000), envInt('BENCH_ROLLOUT_BYTES', 500_000));
    return Math.max(rollouts, await reportPreview(workDir, snapshotRows));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
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
  console.log(`  ${writers} writers: ${num(many.perSecond)} appends/s (${num(ratio, 2)}x of 1 writer; ${num(many.perSecond / TARGET_APPENDS_PER_S, 2)} of the target) -> ${target}`);
  console.log(`  every line accounted for: ${num(one.appends)} and ${num(many.appends)} lines written and counted\n`);
}

function reportStatusline(dataDir: string, runs: number): void {
  console.log(`Statusline: tracker statusline from process start to exit, ${runs} runs (half with changed bars, recorded)`);
  const bench = benchStatusline(dataDir, runs);
  const target = `target median < ${TARGET_STATUSLINE_MS} ms: ${verdict(bench.medianMs, TARGET_STATUSLINE_MS, false)}`;
  console.log(`  median ${num(bench.medianMs)} ms, p90 ${num(bench.p90Ms)} ms (${num(bench.medianMs / TARGET_STATUSLINE_MS, 2)} of the target; ${num(bench.medianMs / bench.bareNodeMedianMs, 2)}x a bare \`node -e 0\` at ${num(bench.bareNodeMedianMs)} ms) -> ${target}\n`);
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
  for (const [label, measure, target] of [['first run', bench.first, TARGET_ROLLOUT_S], ['re-run, nothing new', bench.rerun, TARGET_ROLLOUT_RERUN_S]] as const) {
    console.log(`  ${label}: ${num(measure.wallSeconds, 2)} s (${num(measure.wallSeconds / target, 2)} of the ${target} s target: ${verdict(measure.wallSeconds, target, false)}), readings recorded: ${readings(measure)}, exit ${measure.code}`);
  }
  console.log('');
  return bench.first.code === 0 && bench.rerun.code === 0 ? 0 : 1;
}

async function reportPreview(workDir: string, snapshotRows: number): Promise<number> {
  console.log(`Preview: tracker preview over a generated ledger of ${num(snapshotRows)} snapshot rows`);
  const bench = await benchPreview(workDir, snapshotRows);
  if ('skipped' in bench) {
    console.log(`  SKIPPED: ${bench.skipped}`);
    return 0;
  }
  const { ledger } = bench;
  console.log(`  generated in ${num(bench.generateSeconds, 1)} s: ${num(ledger.snapshotRows)} snapshot rows, ${num(ledger.windows)} windows, ` +
    `${num(ledger.completions)} completions (+${ledger.corrections} corrections), ${ledger.retractions} retractions, ${ledger.anomalies} anomalies, ${num(mb(ledger.bytes / 1024))} MB`);
  const rows = bench.runs.map(({ label, measure }) => [
    label,
    `${num(measure.wallSeconds, 2)} s`,
    measure.maxRssKb === null ? 'n/a' : `${num(mb(measure.maxRssKb))} MB`,
  ]);
  console.log(table(['command', 'wall', 'peak RSS'], rows));
  let failed = false;
  for (const { label, measure, output } of bench.runs) {
    failed ||= measure.code !== 0;
    const time = `${num(measure.wallSeconds, 2)} s (${num(measure.wallSeconds / TARGET_PREVIEW_S, 2)} of the ${TARGET_PREVIEW_S} s target: ${verdict(measure.wallSeconds, TARGET_PREVIEW_S, false)})`;
    const rss = measure.maxRssKb === null ? 'peak RSS n/a' : `${num(mb(measure.maxRssKb))} MB (${num(mb(measure.maxRssKb) / TARGET_PREVIEW_MB, 2)} of ${TARGET_PREVIEW_MB} MB: ${verdict(mb(measure.maxRssKb), TARGET_PREVIEW_MB, false)})`;
    console.log(`  ${label}: ${time}, ${rss}; ${output}; RSS via ${measure.rssVia}`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
