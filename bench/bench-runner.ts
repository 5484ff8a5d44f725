// Times the built `experiment run` (10 tasks x sim-steady/sim-thrifty, seed 42) at --parallel 1 and 2: wall, per-arm overhead, startup, determinism.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunSummary } from '../runner/index.js';
import { num, verdict } from './format-report.js';
import { pickPercentile } from './latency-stats.js';
import { computeScaledMean as mean } from '../reports/stats/scaled-moments.js';

/** The issue's targets: a default run under 90 s on 2 cores; the runner's own overhead under 300 ms an arm. */
export const TARGET_RUN_S = 90;
export const TARGET_OVERHEAD_MS = 300;
/** A run that takes this long is killed and reported as failed. */
const RUN_TIMEOUT_MS = 10 * 60_000;
const SEED = '42';

const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));

/** Milliseconds from spawn to each stderr milestone, and to exit. */
export interface RunMilestones {
  /** The SIMULATED banner: imports done, flags, task bank and plan read. */
  banner: number | null;
  /** `proxy ...`: proxy and scripted model server listening. */
  services: number | null;
  /** `Plan ...`: progress read, arms about to launch. */
  plan: number | null;
  firstArmStart: number | null;
  lastArmDone: number | null;
  exit: number;
}

export interface RunnerRun {
  parallel: number;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  wallMs: number;
  milestones: RunMilestones;
  /** CPU seconds (user + sys) of the run's process tree (GNU time), null without it; and of the whole machine meanwhile. */
  treeCpuS: number | null;
  machineCpuS: number;
  summary: RunSummary | null;
  stderrTail: string;
}

/** Busy CPU milliseconds of the whole machine so far (all CPUs, user + nice + sys + irq). */
const machineBusyMs = (): number => cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);

/** True when /usr/bin/time is GNU time (-f, -o): it gives the CPU of the run's whole process tree. */
function hasGnuTime(dir: string): boolean {
  const out = join(dir, 'time-probe');
  return existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%U', '-o', out, 'true']).status === 0 && existsSync(out);
}

/** Runs `experiment run --parallel <n>` in a fresh temp data dir; stderr lines are timestamped as they arrive. */
export function runExperimentOnce(parallel: number): Promise<RunnerRun> {
  const dataDir = mkdtempSync(join(tmpdir(), `agent-tracker-bench-runner-p${parallel}-`));
  const args = [
    experimentPath,
    'run',
    '--seed',
    SEED,
    '--providers',
    'sim-steady,sim-thrifty',
    '--data-dir',
    dataDir,
    '--parallel',
    String(parallel),
    '--no-stop-rules',
    '--no-report',
    '--json',
  ];
  const timeFile = join(dataDir, 'cpu-time');
  const viaTime = hasGnuTime(dataDir);
  return new Promise((resolve, reject) => {
    const busyBefore = machineBusyMs();
    const started = performance.now();
    const at = (): number => performance.now() - started;
    const milestones: RunMilestones = { banner: null, services: null, plan: null, firstArmStart: null, lastArmDone: null, exit: 0 };
    const [command, argv] = viaTime
      ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const now = at();
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (milestones.banner === null && line.startsWith('SIMULATED:')) milestones.banner = now;
        else if (milestones.services === null && line.startsWith('proxy ')) milestones.services = now;
        else if (milestones.plan === null && line.startsWith('Plan ')) milestones.plan = now;
        else if (/^\[\s*\d+\/\d+\] start /.test(line)) milestones.firstArmStart ??= now;
        else if (/^\[\s*\d+\/\d+\] done /.test(line)) milestones.lastArmDone = now;
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      milestones.exit = at();
      const machineCpuS = (machineBusyMs() - busyBefore) / 1000;
      let treeCpuS: number | null = null;
      if (viaTime && existsSync(timeFile)) {
        const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
        if (Number.isFinite(user) && Number.isFinite(sys)) treeCpuS = (user as number) + (sys as number);
      }
      rmSync(dataDir, { recursive: true, force: true });
      let summary: RunSummary | null = null;
      try {
        summary = JSON.parse(stdout) as RunSummary;
      } catch {
        summary = null;
      }
      resolve({
        parallel,
        code,
        signal,
        timedOut,
        wallMs: milestones.exit,
        milestones,
        treeCpuS,
        machineCpuS,
        summary,
        stderrTail: stderr.trim().split('\n').slice(-3).join(' | '),
      });
    });
  });
}

function nproc(): string {
  const result = spawnSync('nproc', [], { encoding: 'utf8' });
  const fromCommand = result.status === 0 ? result.stdout.trim() : 'n/a';
  return `nproc ${fromCommand} (availableParallelism ${availableParallelism()}, ${cpus().length} CPUs listed)`;
}

const ms = (value: number | null): string => (value === null ? 'n/a' : `${num(value)} ms`);
const ratio = (value: number, target: number): string => `${num(value / target, 2)}x of target`;

/** Per-arm outcome, quality and capacity delta of two runs, by arm index: one line per difference. */
export function compareRuns(a: RunSummary, b: RunSummary): string[] {
  const mismatches: string[] = [];
  const byIndex = new Map(b.results.map((result) => [result.arm_index, result]));
  if (a.results.length !== b.results.length) mismatches.push(`arm count: ${a.results.length} vs ${b.results.length}`);
  for (const left of a.results) {
    const right = byIndex.get(left.arm_index);
    const arm = `arm #${left.arm_index + 1} ${left.task_id} ${left.provider}`;
    if (!right) {
      mismatches.push(`${arm}: missing from the second run`);
      continue;
    }
    for (const field of ['outcome', 'agent_outcome', 'quality', 'capacity_delta'] as const) {
      if (left[field] !== right[field])
        mismatches.push(`${arm}: ${field} ${JSON.stringify(left[field])} vs ${JSON.stringify(right[field])}`);
    }
  }
  return mismatches;
}

/** Runs both and prints the lines for run-benchmarks; 1 when a run failed, the runs disagree or a target is missed. */
export async function reportRunner(): Promise<number> {
  console.log(
    `Runner: experiment run --seed ${SEED} (built-in bank x sim-steady, sim-thrifty) --no-stop-rules --no-report --json, fresh temp data dir each; ${nproc()}`,
  );
  if (!existsSync(experimentPath)) {
    console.log(`  SKIPPED: experiment CLI not built yet (${experimentPath} is missing)\n`);
    return 0;
  }
  const runs: RunnerRun[] = [];
  for (const parallel of [1, 2]) runs.push(await runExperimentOnce(parallel));
  let failed = false;
  for (const run of runs) {
    const label = `  --parallel ${run.parallel}:`;
    const { summary } = run;
    if (run.code !== 0 || summary === null) {
      failed = true;
      console.log(
        `${label} FAILED (${run.timedOut ? `killed after ${RUN_TIMEOUT_MS / 1000} s` : `exit ${run.code ?? run.signal}`}): ${run.stderrTail}`,
      );
      continue;
    }
    const results = summary.results;
    const overhead = results.map((result) => result.overhead_ms);
    const p50 = pickPercentile(overhead, 0.5);
    const p95 = pickPercentile(overhead, 0.95);
    const max = Math.max(...overhead);
    const wallS = run.wallMs / 1000;
    failed ||= summary.arms_run !== summary.arms_total || wallS >= TARGET_RUN_S || p95 >= TARGET_OVERHEAD_MS;
    const m = run.milestones;
    console.log(
      `${label} wall ${num(wallS, 1)} s (${ratio(wallS, TARGET_RUN_S)} ${TARGET_RUN_S} s: ${verdict(wallS, TARGET_RUN_S, false)}); ${summary.arms_run}/${summary.arms_total} arms, in-run wall_ms ${num(summary.wall_ms)}`,
    );
    console.log(
      `    overhead per arm: p50 ${num(p50)} ms (${ratio(p50, TARGET_OVERHEAD_MS)}), p95 ${num(p95)} ms (${ratio(p95, TARGET_OVERHEAD_MS)}), max ${num(max)} ms (${ratio(max, TARGET_OVERHEAD_MS)}) vs ${TARGET_OVERHEAD_MS} ms: p95 ${verdict(p95, TARGET_OVERHEAD_MS, false)}`,
    );
    console.log(
      `    per arm mean: agent ${num(mean(results.map((r) => r.agent_ms)))} ms, tests ${num(mean(results.map((r) => r.tests_ms)))} ms, overhead ${num(mean(overhead))} ms, duration ${num(mean(results.map((r) => r.duration_ms)))} ms`,
    );
    console.log(
      `    startup before the first arm ${ms(m.firstArmStart)} (imports + setup ${ms(m.banner)}, proxy + model server up at ${ms(m.services)}, plan at ${ms(m.plan)}); after the last arm to exit ${ms(m.lastArmDone === null ? null : m.exit - m.lastArmDone)}` +
        (run.parallel === 1 ? `; between arms ${ms(summary.wall_ms - results.reduce((sum, r) => sum + r.duration_ms, 0))} in all` : ''),
    );
    const capacity = (run.wallMs / 1000) * cpus().length;
    const others = run.treeCpuS === null ? null : Math.max(0, run.machineCpuS - run.treeCpuS);
    console.log(
      `    CPU: this run's process tree ${run.treeCpuS === null ? 'n/a (no GNU time)' : `${num(run.treeCpuS, 1)} s`}, whole machine ${num(run.machineCpuS, 1)} s of ${num(capacity, 1)} s available` +
        (others === null
          ? ''
          : `; other processes ${num(others, 1)} s${others > 0.1 * capacity ? ' (NOISY: other load shared the CPUs, times are inflated)' : ''}`),
    );
  }
  const [serial, parallel] = runs as [RunnerRun, RunnerRun];
  if (serial.summary && parallel.summary && serial.code === 0 && parallel.code === 0) {
    console.log(
      `  parallel-2 speed-up: ${num(serial.wallMs / parallel.wallMs, 2)}x (serial wall / parallel wall; in-run ${num(serial.summary.wall_ms / parallel.summary.wall_ms, 2)}x)`,
    );
    const mismatches = compareRuns(serial.summary, parallel.summary);
    if (mismatches.length === 0)
      console.log(`  outcomes, quality and capacity deltas: identical across --parallel 1 and 2 (${serial.summary.results.length} arms)`);
    else {
      failed = true;
      console.log(`  MISMATCH: --parallel 1 and 2 disagree on ${mismatches.length} field(s):`);
      for (const line of mismatches) console.log(`    MISMATCH ${line}`);
    }
  }
  console.log('');
  return failed ? 1 : 0;
}
