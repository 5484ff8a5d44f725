// `BENCH_ONLY=import`: kept tasks per minute of `experiment tasks import` on real repositories, this build beside a baseline build, with the load.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { num, table } from './format-report.js';

/** One repository to import: its label (go, python, javascript), its clone, and flags of its own (--setup-network). */
export interface ImportRepo {
  label: string;
  path: string;
  flags: string[];
}

export interface ImportRun {
  build: string;
  repo: string;
  wallS: number;
  kept: number;
  examined: number;
  /** Ended at BENCH_IMPORT_MINUTES (the counts are those printed until then). */
  capped: boolean;
  code: number | null;
  /** The 1-minute load average sampled every 5 s during the import: min, mean, max. */
  load: { min: number; mean: number; max: number };
}

const thisBuild = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));

/** BENCH_IMPORT_REPOS="go=/src/semver,javascript=/src/commander.js:--setup-network": label=path[:flag ...]. */
export function readImportRepos(text: string | undefined): ImportRepo[] {
  return (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([\w-]+)=([^:]+)(?::(.*))?$/.exec(entry);
      if (!match) throw new Error(`BENCH_IMPORT_REPOS: expected label=path[:flags], got ${JSON.stringify(entry)}`);
      return { label: match[1] as string, path: resolve(match[2] as string), flags: (match[3] ?? '').split(/\s+/).filter(Boolean) };
    });
}

const readLoad = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** Imports `repo` with one build's CLI into a fresh data dir and bank, up to `max` kept tasks or `minutes`. */
export function runImport(cli: string, build: string, repo: ImportRepo, max: number, minutes: number): Promise<ImportRun> {
  const scratch = mkdtempSync(join(tmpdir(), `bench-import-${repo.label}-`));
  const args = [cli, 'tasks', 'import', '--repo', repo.path, '--max', String(max), '--data-dir', join(scratch, 'data')];
  args.push('--out', join(scratch, 'bank'), ...repo.flags);
  return new Promise((done, fail) => {
    const started = performance.now();
    const loads = [readLoad()];
    const sampler = setInterval(() => loads.push(readLoad()), 5_000);
    // Its own process group: at the cap the whole import goes, sandboxes and all.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let capped = false;
    const cap = setTimeout(() => {
      capped = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, minutes * 60_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000; // the import's own time, not the removal of its folders
      clearTimeout(cap);
      clearInterval(sampler);
      rmSync(scratch, { recursive: true, force: true });
      const lines = stderr.split('\n');
      const mean = loads.reduce((sum, load) => sum + load, 0) / loads.length;
      done({
        build,
        repo: repo.label,
        wallS,
        kept: lines.filter((line) => /^candidate \d+ of \d+ .*: kept as /.test(line)).length,
        examined: lines.filter((line) => /^candidate \d+ of \d+ /.test(line)).length,
        capped,
        code,
        load: { min: Math.min(...loads), mean, max: Math.max(...loads) },
      });
    });
  });
}

/** Kept tasks per minute of wall time. */
export const keptPerMinute = (run: ImportRun): number => (run.wallS > 0 ? run.kept / (run.wallS / 60) : 0);

export function formatImportRuns(runs: ImportRun[], max: number, minutes: number): string {
  const rows = runs.map((run) => [
    run.repo,
    run.build,
    `${num(run.wallS)} s${run.capped ? ' (cap)' : ''}`,
    `${run.kept} of ${run.examined}`,
    num(keptPerMinute(run), 2),
    `${num(run.load.mean, 1)} (${num(run.load.min, 1)}-${num(run.load.max, 1)})`,
    String(run.code),
  ]);
  return [
    `Task import: --max ${max}, at most ${minutes} min each, ${availableParallelism()} cores; load = 1-minute load average (mean, min-max)`,
    table(['repository', 'build', 'wall', 'kept of examined', 'kept/min', 'load', 'exit'], rows),
  ].join('\n');
}

/**
 * BENCH_IMPORT_REPOS names the clones; BENCH_IMPORT_BASELINE a built checkout of the build to compare with (its
 * dist/cli/experiment.js), run first on each repository so both meet the same hour's load. Returns 0: a figure, no target.
 */
export async function reportImport(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const repos = readImportRepos(env.BENCH_IMPORT_REPOS);
  const max = Number(env.BENCH_IMPORT_MAX ?? 5);
  const minutes = Number(env.BENCH_IMPORT_MINUTES ?? 15);
  if (repos.length === 0) {
    console.log('Task import: skipped (set BENCH_IMPORT_REPOS=label=path[:flags],... and BENCH_IMPORT_BASELINE=<built checkout>)\n');
    return 0;
  }
  const baseline = env.BENCH_IMPORT_BASELINE ? join(resolve(env.BENCH_IMPORT_BASELINE), 'dist', 'cli', 'experiment.js') : null;
  if (baseline !== null && !existsSync(baseline)) throw new Error(`BENCH_IMPORT_BASELINE: expected a built checkout, no ${baseline}`);
  const runs: ImportRun[] = [];
  for (const repo of repos) {
    if (baseline !== null) runs.push(await runImport(baseline, 'baseline', repo, max, minutes));
    runs.push(await runImport(thisBuild, 'this build', repo, max, minutes));
    console.log(
      `  ${repo.label}: ${runs
        .slice(-2)
        .map((run) => `${run.build} ${run.kept} kept in ${num(run.wallS)} s`)
        .join(', ')}`,
    );
  }
  console.log(`${formatImportRuns(runs, max, minutes)}\n`);
  return 0;
}
