// CPU seconds a command costs from process start to exit, against a bare `node -e 0` in the same run (issue 31).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickPercentile } from './latency-stats.js';

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));

export interface StartupCase {
  label: string;
  medianCpuS: number;
  minCpuS: number;
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

/** One run's CPU seconds; throws when the command fails. */
function measureOnce(argv: string[], input: string | undefined): number {
  const before = readChildrenCpuSeconds();
  const result = spawnSync(process.execPath, argv, { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  return readChildrenCpuSeconds() - before;
}

/** Alternates the cases run by run so the machine's load falls on each alike; a fresh data dir per snapshot. */
export function benchStartup(workDir: string, runs: number): StartupCase[] {
  mkdirSync(workDir, { recursive: true });
  const reading = join(workDir, 'reading.json');
  writeFileSync(reading, JSON.stringify({ five_hour: { used_pct: 10 } }));
  const statusline = JSON.stringify({ rate_limits: { five_hour: { used_percentage: 20, resets_at: 4_102_444_800 } } });
  const cases: Array<{ label: string; argv: (run: number) => string[]; input?: string }> = [
    { label: 'node -e 0', argv: () => ['-e', '0'] },
    {
      label: 'tracker snapshot before',
      argv: (run) => [
        trackerPath,
        '--data-dir',
        join(workDir, `snap-${run}`),
        'snapshot',
        'before',
        '--provider',
        'claude',
        '--input',
        reading,
      ],
    },
    { label: 'tracker statusline', argv: () => [trackerPath, '--data-dir', join(workDir, 'line'), 'statusline'], input: statusline },
    { label: 'experiment status', argv: () => [experimentPath, '--data-dir', join(workDir, 'status'), 'status'] },
    { label: 'tracker --help (every command)', argv: () => [trackerPath, '--help'] },
  ];
  const samples = cases.map(() => [] as number[]);
  for (let run = 0; run < runs; run += 1)
    for (const [index, entry] of cases.entries()) samples[index]?.push(measureOnce(entry.argv(run), entry.input));
  return cases.map((entry, index) => ({
    label: entry.label,
    medianCpuS: pickPercentile(samples[index] ?? [], 0.5),
    minCpuS: Math.min(...(samples[index] ?? [])),
  }));
}
