// Runs a node script as a child process and measures its wall time and peak RSS (GNU time -v, else a probe).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChildMeasure {
  code: number | null;
  wallSeconds: number;
  /** Peak resident set size of the child, in KiB; null when it could not be read. */
  maxRssKb: number | null;
  /** User + system CPU seconds of the child (GNU time only); null when it could not be read. */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
  /** How the RSS was taken: `/usr/bin/time -v` or `resourceUsage probe`. */
  rssVia: string;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** True when /usr/bin/time is GNU time (it understands -v and -o). */
function hasGnuTime(workDir: string): boolean {
  if (gnuTime === undefined) {
    const probe = join(workDir, 'time-probe.txt');
    gnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', '-o', probe, 'true']).status === 0 && existsSync(probe);
    rmSync(probe, { force: true });
  }
  return gnuTime;
}

/** Runs `node <script> ...args` in `env`; `workDir` holds the measurement files. */
export async function measureNode(script: string, args: string[], workDir: string, env = process.env): Promise<ChildMeasure> {
  const report = join(workDir, `rss-${process.pid}-${Date.now()}.txt`);
  const viaTime = hasGnuTime(workDir);
  let command: string;
  let argv: string[];
  if (viaTime) {
    command = GNU_TIME;
    argv = ['-v', '-o', report, process.execPath, script, ...args];
  } else {
    const probe = join(workDir, 'rss-probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_OUT, String(process.resourceUsage().maxRSS)));\n",
    );
    command = process.execPath;
    argv = ['--require', probe, script, ...args];
  }
  const started = performance.now();
  const { code, stdout, stderr } = await run(command, argv, { ...env, BENCH_RSS_OUT: report });
  const wallSeconds = (performance.now() - started) / 1000;
  const text = existsSync(report) ? readFileSync(report, 'utf8') : null;
  const maxRssKb = text === null ? null : parseRss(text, viaTime);
  const cpuSeconds = text === null || !viaTime ? null : parseCpu(text);
  rmSync(report, { force: true });
  return { code, wallSeconds, maxRssKb, cpuSeconds, stdout, stderr, rssVia: viaTime ? `${GNU_TIME} -v` : 'resourceUsage probe' };
}

function parseRss(text: string, viaTime: boolean): number | null {
  const value = viaTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] : text.trim();
  const kb = Number(value);
  return value && Number.isFinite(kb) ? kb : null;
}

/** GNU time -v's `User time (seconds): 1.23` plus `System time (seconds): 0.45`. */
function parseCpu(text: string): number | null {
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(text)?.[1]);
  const system = Number(/System time \(seconds\): ([\d.]+)/.exec(text)?.[1]);
  return Number.isFinite(user) && Number.isFinite(system) ? user + system : null;
}

function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}
