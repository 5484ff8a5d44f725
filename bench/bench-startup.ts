// CPU seconds the everyday commands cost from process start to exit, each against a bare `node -e 0` in the same run,
// with what each loads (bench/summarize-loaded-modules.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickPercentile } from './latency-stats.js';
import { type LoadedModules, summarizeLoadedModules } from './summarize-loaded-modules.js';

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));
const recorderPath = fileURLToPath(new URL('./record-loaded-modules.js', import.meta.url));
const agentPath = fileURLToPath(new URL('../runner/drivers/scripted-agent/main.js', import.meta.url));

export interface StartupCase {
  label: string;
  medianCpuS: number;
  minCpuS: number;
  /** What one run of it loaded (null for `node -e 0`). */
  loaded: LoadedModules | null;
}

interface CaseSpec {
  label: string;
  /** The command's argv after node for run `run`; `prepare` (untimed) makes the data it needs first. */
  argv: (run: number) => string[];
  prepare?: (run: number) => void;
  input?: string;
  /** The exit status a run must end with (0 unless told). */
  status?: number;
}

/** The CPU seconds (user + system) of this process's waited-for children so far: /proc/self/stat fields 16-17. */
function readChildrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // After the comm field, cutime and cstime are the 14th and 15th (fields 16 and 17 of the whole line).
  // In clock ticks: 100 a second on Linux (getconf CLK_TCK), which Node cannot ask.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Runs node with `argv`; throws when the command ends with another status than `status`. */
function runNode(argv: string[], input: string | undefined, env: NodeJS.ProcessEnv = process.env, status = 0): void {
  const result = spawnSync(process.execPath, argv, { input, encoding: 'utf8', env });
  if (result.status !== status) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
}

/** One run's CPU seconds. */
function measureOnce(spec: CaseSpec, run: number): number {
  const before = readChildrenCpuSeconds();
  runNode(spec.argv(run), spec.input, process.env, spec.status);
  return readChildrenCpuSeconds() - before;
}

/** The files one more run loads, with the recorder hook (untimed: the hook costs CPU of its own). */
function recordLoaded(spec: CaseSpec, run: number, listFile: string): LoadedModules {
  spec.prepare?.(run);
  rmSync(listFile, { force: true });
  runNode(['--import', recorderPath, ...spec.argv(run)], spec.input, { ...process.env, BENCH_LOADED_MODULES: listFile }, spec.status);
  return summarizeLoadedModules(listFile);
}

/** The everyday commands: a fresh data dir per run where a command writes (a second `before` would be refused). */
function listCases(workDir: string): CaseSpec[] {
  const reading = (pct: number): string => {
    const file = join(workDir, `reading-${pct}.json`);
    writeFileSync(file, JSON.stringify({ five_hour: { used_pct: pct } }));
    return file;
  };
  const [low, high] = [reading(10), reading(30)];
  const tracker = (dir: string, ...args: string[]): string[] => [trackerPath, '--data-dir', dir, ...args];
  const snapshot = (dir: string, phase: string, file: string): string[] =>
    tracker(dir, 'snapshot', phase, '--provider', 'claude', '--input', file);
  const dir = (name: string, run: number): string => join(workDir, `${name}-${run}`);
  const statusline = JSON.stringify({ rate_limits: { five_hour: { used_percentage: 20, resets_at: 4_102_444_800 } } });
  const codexStatus = fileURLToPath(new URL('../../docs/examples/codex-status-before.txt', import.meta.url));
  const used = join(workDir, 'used');
  runNode(snapshot(used, 'before', low), undefined);
  runNode(snapshot(used, 'after', high), undefined);
  // The scripted agent each simulated arm starts: loads, sends its first request, finds no server (exit 1). Port 9
  // (discard) has no listener here; the refused connect still boots the HTTP client a real run uses.
  const agentConfig = join(workDir, 'scripted-agent.json');
  writeFileSync(agentConfig, JSON.stringify({ baseUrl: 'http://127.0.0.1:9', model: 'bench', prompt: 'bench', cwd: workDir }));
  return [
    { label: 'node -e 0', argv: () => ['-e', '0'] },
    { label: 'tracker snapshot before', argv: (run) => snapshot(dir('before', run), 'before', low) },
    // A pasted screen: its reset times ("resets 14:32") need the machine's zone, so ICU's zone data is loaded.
    {
      label: 'tracker snapshot before (Codex /status)',
      argv: (run) => tracker(dir('pasted', run), 'snapshot', 'before', '--provider', 'codex', '--input', codexStatus),
    },
    {
      label: 'tracker snapshot after',
      prepare: (run) => runNode(snapshot(dir('after', run), 'before', low), undefined),
      argv: (run) => snapshot(dir('after', run), 'after', high),
    },
    {
      label: 'tracker complete',
      prepare: (run) => {
        runNode(snapshot(dir('complete', run), 'before', low), undefined);
        runNode(snapshot(dir('complete', run), 'after', high), undefined);
      },
      argv: (run) => tracker(dir('complete', run), 'complete', '--provider', 'claude', '--quality', '1', '--outcome', 'success'),
    },
    { label: 'tracker usage', argv: () => tracker(used, 'usage') },
    { label: 'tracker statusline', argv: () => tracker(join(workDir, 'line'), 'statusline'), input: statusline },
    { label: 'tracker plans --help', argv: () => [trackerPath, 'plans', '--help'] },
    { label: 'experiment status', argv: () => [experimentPath, '--data-dir', join(workDir, 'status'), 'status'] },
    { label: 'tracker --help (every command)', argv: () => [trackerPath, '--help'] },
    { label: 'scripted agent (model API down)', argv: () => [agentPath, '--config', agentConfig], status: 1 },
  ];
}

/** Alternates the cases run by run so the machine's load falls on each alike. */
export function benchStartup(workDir: string, runs: number): StartupCase[] {
  mkdirSync(workDir, { recursive: true });
  const cases = listCases(workDir);
  const samples = cases.map(() => [] as number[]);
  for (let run = 0; run < runs; run += 1)
    for (const [index, entry] of cases.entries()) {
      entry.prepare?.(run);
      samples[index]?.push(measureOnce(entry, run));
    }
  return cases.map((entry, index) => ({
    label: entry.label,
    medianCpuS: pickPercentile(samples[index] ?? [], 0.5),
    minCpuS: Math.min(...(samples[index] ?? [])),
    loaded: index === 0 ? null : recordLoaded(entry, runs, join(workDir, 'loaded.txt')),
  }));
}
