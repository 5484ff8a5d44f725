// Times `tracker statusline` end to end (process start to exit) against a bare `node` start, in one run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pickPercentile } from './latency-stats.js';

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

export interface StatuslineBench {
  runs: number;
  medianMs: number;
  p90Ms: number;
  bareNodeMedianMs: number;
}

/** Alternates statusline runs (half unchanged input, half changing bars, so both paths count) with bare node starts. */
export function benchStatusline(dataDir: string, runs: number): StatuslineBench {
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const pct = i % 2 === 0 ? 20 : 20 + i;
    const input = JSON.stringify({
      model: { display_name: 'Opus 4.1' },
      rate_limits: { five_hour: { used_percentage: pct, resets_at: 4_102_444_800 } },
    });
    const started = performance.now();
    const result = spawnSync(process.execPath, [trackerPath, 'statusline', '--data-dir', dataDir], { input, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0 || !result.stdout.startsWith('Opus 4.1 | 5h '))
      throw new Error(`statusline run ${i} failed: ${result.stdout}${result.stderr}`);
    const bareStart = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - bareStart);
  }
  return { runs, medianMs: pickPercentile(times, 0.5), p90Ms: pickPercentile(times, 0.9), bareNodeMedianMs: pickPercentile(bare, 0.5) };
}
