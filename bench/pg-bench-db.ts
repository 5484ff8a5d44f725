// The PostgreSQL side of the postgres bench: a durable throwaway cluster, migrated databases, rows counted.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { explainNoPostgres, startTestCluster, type TestCluster } from '../step-definitions/pg-cluster.js';

export const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
export const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));

export interface BenchCluster {
  /** A new database with the ledger schema, as `tracker ledger migrate` makes it; returns its connection string. */
  createLedger(): string;
  stop(): void;
}

/** Why the postgres bench cannot run here (no server programs), or null. */
export function explainNoPostgresBench(): string | null {
  return explainNoPostgres();
}

/** Starts a cluster with fsync on (a real server's durability, like the JSONL appends' fsync). */
export function startBenchCluster(): BenchCluster {
  const cluster: TestCluster = startTestCluster({ durable: true });
  let made = 0;
  return {
    createLedger() {
      made += 1;
      const url = cluster.createDatabase(`bench_${process.pid}_${made}`);
      runTracker(['ledger', 'migrate'], url);
      return url;
    },
    stop: () => cluster.stop(),
  };
}

/**
 * Runs the built tracker with TRACKER_LEDGER_URL set (unset when `bound` is false: the URL is then only in
 * BENCH_PG_URL, for `--to env:BENCH_PG_URL`, and the data dir stays a JSONL one); throws with its stderr when it fails.
 */
export function runTracker(args: string[], url: string, bound = true, input?: string): string {
  const result = spawnSync(process.execPath, [trackerPath, ...args], {
    env: { ...process.env, TRACKER_LEDGER_URL: bound ? url : '', BENCH_PG_URL: url },
    ...(input === undefined ? {} : { input }),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`tracker ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Rows of one ledger file in the database. */
export async function countRowsPg(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM ledger_rows WHERE file = $1', [file]);
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Median, smallest and largest of the rounds' values. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spreadOf(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}
