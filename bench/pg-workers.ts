// Arms per minute: `experiment worker` processes (own data dirs, one PostgreSQL queue) against one plain JSONL `experiment run`.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchCluster, experimentPath, spreadOf, type Spread } from './pg-bench-db.js';

export interface WorkerSettings {
  seed: string;
  /** Task ids for --only: each gives one arm per default provider. */
  tasks: string;
  workerCounts: number[];
  rounds: number;
}

export interface WorkerRound {
  single: { arms: number; seconds: number };
  /** Per worker count: arms the workers ran and the seconds from their start to the last one's exit. */
  workers: { count: number; arms: number; seconds: number }[];
}

export interface WorkerComparison {
  settings: WorkerSettings;
  rounds: WorkerRound[];
  singlePerMin: Spread;
  /** Per worker count: arms/min, and its ratio to the same round's single run. */
  perCount: { count: number; perMin: Spread; ratio: Spread }[];
}

/** Each round: the single run, then 1, 2, 3... workers on a freshly queued copy of the same plan (same seed, same tasks). */
export async function compareWorkers(workDir: string, cluster: BenchCluster, settings: WorkerSettings): Promise<WorkerComparison> {
  const plan = ['--seed', settings.seed, '--only', settings.tasks, '--no-stop-rules', '--no-report'];
  const rounds: WorkerRound[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    const dir = join(workDir, `workers-${round}`);
    mkdirSync(dir, { recursive: true });
    let started = performance.now();
    await runExperiment(['run', ...plan, '--data-dir', join(dir, 'single')], '', dir);
    const single = { arms: await countDoneArms(join(dir, 'single'), ''), seconds: (performance.now() - started) / 1000 };
    const workers: WorkerRound['workers'] = [];
    for (const count of settings.workerCounts) {
      const url = cluster.createLedger();
      const machines = Array.from({ length: count }, (_, i) => join(dir, `n${count}`, `machine-${i + 1}`));
      await runExperiment(['run', ...plan, '--queue', '--data-dir', join(dir, `n${count}`, 'queue')], url, dir);
      started = performance.now();
      const worker = (machine: string) => runExperiment(['worker', '--lease-s', '3', '--wait', '--data-dir', machine], url, dir);
      await Promise.all(machines.map(worker));
      const seconds = (performance.now() - started) / 1000;
      workers.push({ count, arms: await countDoneArms(join(dir, `n${count}`, 'queue'), url), seconds });
    }
    rounds.push({ single, workers });
  }
  const perMin = (arms: number, seconds: number): number => (arms / seconds) * 60;
  return {
    settings,
    rounds,
    singlePerMin: spreadOf(rounds.map((r) => perMin(r.single.arms, r.single.seconds))),
    perCount: settings.workerCounts.map((count) => {
      const of = (r: WorkerRound) => r.workers.find((w) => w.count === count) ?? { arms: 0, seconds: Number.NaN };
      return {
        count,
        perMin: spreadOf(rounds.map((r) => perMin(of(r).arms, of(r).seconds))),
        ratio: spreadOf(rounds.map((r) => perMin(of(r).arms, of(r).seconds) / perMin(r.single.arms, r.single.seconds))),
      };
    }),
  };
}

/** Arms done in the data dir's (or the database's) one plan, from `experiment status --json`. */
async function countDoneArms(dataDir: string, url: string): Promise<number> {
  const stdout = await runExperiment(['status', '--json', '--data-dir', dataDir], url, dataDir);
  const plans = (JSON.parse(stdout) as { plans: { arms: number; done: number }[] }).plans;
  const plan = plans[0];
  if (plans.length !== 1 || plan === undefined) throw new Error(`expected one plan in ${dataDir}, found ${plans.length}`);
  if (plan.done !== plan.arms) throw new Error(`only ${plan.done} of ${plan.arms} arms done in ${dataDir}`);
  return plan.done;
}

/** Runs the built experiment CLI (TRACKER_LEDGER_URL set to `url`; empty means JSONL); resolves with stdout, rejects on failure. */
function runExperiment(args: string[], url: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [experimentPath, ...args], {
      cwd,
      env: { ...process.env, TZ: 'UTC', TRACKER_LEDGER_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`experiment ${args.join(' ')} failed (exit ${code}): ${stderr}`)),
    );
  });
}
