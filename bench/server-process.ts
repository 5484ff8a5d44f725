// Starts a server as its own process, waits for its JSON ready output, and reads its CPU time and RSS from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

export interface ServerProcess {
  pid: number;
  url: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** stderr goes to this file (a pipe nobody drains would stall a server that logs per request). */
  stderrFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/** Runs `node ...args` and resolves with the `url` of the JSON object it prints on stdout (possibly over several lines). */
export function startJsonServer(args: string[], options: StartOptions): Promise<ServerProcess> {
  const errFd = openSync(options.stderrFile, 'a');
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', errFd] });
  closeSync(errFd);
  return new Promise((resolve, reject) => {
    let text = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}; stderr: ${readTail(options.stderrFile)}`));
    };
    const timer = setTimeout(
      () => fail(`no ready line within ${options.timeoutMs ?? 15_000} ms from node ${args.join(' ')}`),
      options.timeoutMs ?? 15_000,
    );
    child.once('exit', (code) => fail(`node ${args.join(' ')} exited with ${code} before it was ready`));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      let ready: { url?: unknown };
      try {
        ready = JSON.parse(text) as { url?: unknown };
      } catch {
        return;
      }
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.resume();
      if (typeof ready.url !== 'string' || child.pid === undefined) return fail(`ready output without a url: ${text}`);
      resolve({ pid: child.pid, url: ready.url, child, stop: (graceMs) => stopChild(child, graceMs) });
    });
  });
}

export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let tickMs: number | undefined;

/** User + system CPU time the process has used so far, in milliseconds (/proc/PID/stat utime + stime). */
export function readCpuMs(pid: number): number {
  return readStatCpuMs(`/proc/${pid}/stat`);
}

/**
 * The same for the process's main thread alone (/proc/PID/task/PID/stat): the rest of a Node process's CPU is its
 * other threads, mostly V8's workers (concurrent marking and sweeping, optimizing compiles), which a --cpu-prof
 * profile of the main thread does not see.
 */
export function readMainThreadCpuMs(pid: number): number {
  return readStatCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

function readStatCpuMs(file: string): number {
  tickMs ??= 1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100);
  const stat = readFileSync(file, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3: utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * tickMs;
}

/** Resident set size now, in KiB (/proc/PID/status VmRSS). */
export function readRssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

export function readTail(file: string, chars = 600): string {
  if (!existsSync(file)) return '(none)';
  const text = readFileSync(file, 'utf8').trim();
  return text === '' ? '(empty)' : text.slice(-chars);
}
