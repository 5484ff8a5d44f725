// BENCH_ONLY=postgres: PostgreSQL against JSONL in one run (appends, preview over 1M windows, workers' arms/min), on its own cluster.
import { join } from 'node:path';
import { num, table, verdict } from './format-report.js';
import { compareAppends } from './pg-appends.js';
import { explainNoPostgresBench, type Spread, startBenchCluster } from './pg-bench-db.js';
import { comparePreview } from './pg-preview.js';
import { compareWorkers, type WorkerSettings } from './pg-workers.js';

const TARGET_PREVIEW_S = 1;

export interface PostgresSettings {
  writers: number;
  perWriter: number;
  appendRounds: number;
  windows: number;
  previewRounds: number;
  workers: WorkerSettings;
  /** BENCH_PG_ONLY=appends,preview,workers: the comparisons to run (all by default). */
  only: Set<string>;
}

/** BENCH_PG_*: the postgres bench (defaults: ~15 min on 2 cores, most of it pushing and fetching 1M windows). */
export function readPostgresSettings(writers: number, envInt: (name: string, fallback: number) => number): PostgresSettings {
  return {
    writers,
    perWriter: envInt('BENCH_PG_APPENDS', 500),
    appendRounds: envInt('BENCH_PG_APPEND_ROUNDS', 3),
    windows: envInt('BENCH_PG_WINDOWS', 1_000_000),
    previewRounds: envInt('BENCH_PG_PREVIEW_ROUNDS', 2),
    workers: {
      seed: process.env.BENCH_PG_SEED || '17',
      tasks: process.env.BENCH_PG_TASKS || 'ini-parser,csv-line-parser,duration-parser,slugify-unicode',
      workerCounts: [1, 2, 3],
      rounds: envInt('BENCH_PG_WORKER_ROUNDS', 2),
    },
    only: new Set((process.env.BENCH_PG_ONLY || 'appends,preview,workers').split(',').map((part) => part.trim())),
  };
}

/** `median (min..max)` of a spread, with `digits` decimals and a unit. */
const spread = (s: Spread, digits: number, unit = ''): string =>
  `${num(s.median, digits)}${unit} (${num(s.min, digits)}..${num(s.max, digits)})`;

/** Starts a durable throwaway cluster, runs the three comparisons, stops it; prints why when PostgreSQL is missing. */
export async function reportPostgres(workDir: string, settings: PostgresSettings): Promise<number> {
  console.log('PostgreSQL against JSONL (ratios per round; median (min..max) over rounds)');
  const missing = explainNoPostgresBench();
  if (missing) {
    console.log(`  SKIPPED: ${missing}\n`);
    return 0;
  }
  const cluster = startBenchCluster();
  try {
    if (settings.only.has('appends')) await reportPgAppends(workDir, cluster, settings);
    if (settings.only.has('preview')) await reportPgPreview(workDir, cluster, settings);
    if (settings.only.has('workers')) await reportPgWorkers(workDir, cluster, settings.workers);
    return 0;
  } finally {
    cluster.stop();
  }
}

async function reportPgAppends(workDir: string, cluster: ReturnType<typeof startBenchCluster>, s: PostgresSettings): Promise<void> {
  const result = await compareAppends(join(workDir, 'pg-appends'), cluster, s.writers, s.perWriter, s.appendRounds);
  console.log(
    `  Appends: ${s.writers} writer processes x ${num(s.perWriter)} single-row appends, ${s.appendRounds} rounds, order alternating`,
  );
  const rows = result.rounds.map((r, i) => [String(i + 1), num(r.jsonl.perSecond), num(r.postgres.perSecond), num(r.ratio, 3)]);
  console.log(table(['round', 'JSONL rows/s', 'PostgreSQL rows/s', 'PG / JSONL'], rows));
  console.log(`  PostgreSQL / JSONL: ${spread(result.ratio, 3)}; every row counted in both (fsync on in both)\n`);
}

async function reportPgPreview(workDir: string, cluster: ReturnType<typeof startBenchCluster>, s: PostgresSettings): Promise<void> {
  const result = await comparePreview(join(workDir, 'pg-preview'), cluster, s.windows, s.previewRounds);
  console.log(
    `  Preview: tracker preview --json over ${num(result.ledger.windows)} windows (${num(result.ledger.snapshotRows)} snapshot rows, ` +
      `${num(result.ledger.bytes / 2 ** 20)} MB); generated in ${num(result.generateS, 1)} s, pushed in ${num(result.pushS, 1)} s`,
  );
  const seconds = (value: number) => `${num(value, 2)} s`;
  const rows = result.rounds.map((r, i) => [String(i + 1), ...[r.jsonlS, r.coldS, r.warmS, r.carriedS, r.carriedNewS].map(seconds)]);
  const heads = ['JSONL --full-scan', 'PG first run (fetch all)', 'PG --full-scan', 'PG checkpoint', 'PG checkpoint, 1 window later'];
  console.log(table(['round', ...heads], rows));
  const target = (value: number) => `${TARGET_PREVIEW_S} s target: ${verdict(value, TARGET_PREVIEW_S, false)}`;
  console.log(
    `  PG first run ${spread(result.coldS, 2, ' s')}, ${num(result.coldRatio.median, 2)}x JSONL (${target(result.coldS.median)})`,
  );
  console.log(`  PG warm ${spread(result.warmS, 2, ' s')}, ${num(result.warmRatio.median, 2)}x JSONL (${target(result.warmS.median)})`);
  console.log(`  PG carried on from the preview checkpoint ${spread(result.carriedS, 2, ' s')} (${target(result.carriedS.median)})`);
  console.log(`  PG carried on, one window later ${spread(result.carriedNewS, 2, ' s')} (${target(result.carriedNewS.median)})`);
  console.log(
    `  where the time goes: fetching every row into postgres-copy/ ${spread(result.fetchS, 2, ' s')} (first - warm); ` +
      `the scan itself is the JSONL preview's ${spread(result.jsonlS, 2, ' s')}\n`,
  );
}

async function reportPgWorkers(workDir: string, cluster: ReturnType<typeof startBenchCluster>, w: WorkerSettings): Promise<void> {
  const result = await compareWorkers(join(workDir, 'pg-workers'), cluster, w);
  console.log(`  Workers: experiment run --seed ${w.seed} --only ${w.tasks} (default scripted providers), ${w.rounds} rounds`);
  const rows = result.rounds.map((r, i) => [
    String(i + 1),
    `${r.single.arms} in ${num(r.single.seconds, 1)} s`,
    ...r.workers.map((x) => `${x.arms} in ${num(x.seconds, 1)} s`),
  ]);
  console.log(table(['round', 'single run (JSONL)', ...w.workerCounts.map((n) => `${n} worker(s) (PG)`)], rows));
  console.log(`  single run: ${spread(result.singlePerMin, 1)} arms/min`);
  for (const c of result.perCount)
    console.log(`  ${c.count} worker(s): ${spread(c.perMin, 1)} arms/min, ${spread(c.ratio, 2)}x the single run`);
  console.log('  (a worker never runs two arms of one provider at once: the speed-up is capped by the providers, and here by 2 cores)\n');
}
