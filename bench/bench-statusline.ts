// Times `tracker statusline` end to end (process start to exit) against a bare `node` start and the `npx` form, in one run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pickPercentile } from './latency-stats.js';

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
/** The package root, where `npx --no-install tracker` finds the checkout's own bin (node_modules/.bin, scripts/build.sh). */
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StatuslineBench {
  runs: number;
  medianMs: number;
  p90Ms: number;
  bareNodeMedianMs: number;
  /** `npx --no-install tracker statusline` from the package's own directory, the form docs/statusline.md advised before. */
  npxRuns: number;
  npxMedianMs: number;
}

/** Alternates statusline runs (half unchanged input, half changing bars, so both paths count) with bare node starts. */
export function benchStatusline(dataDir: string, runs: number, npxRuns: number): StatuslineBench {
  const times: number[] = [];
  const bare: number[] = [];
  const npx: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const pct = i % 2 === 0 ? 20 : 20 + i;
    const input = JSON.stringify({
      model: { display_name: 'Opus 4.1' },
      rate_limits: { five_hour: { used_percentage: pct, resets_at: 4_102_444_800 } },
    });
    const started = performance.now();
    const result = spawnSync(process.execPath, [trackerPath, 'statusline', '--data-dir', dataDir], { input, encoding: 'utf8' });
    times.push(performance.now() - started);
    checkLine(result, `statusline run ${i}`);
    const bareStart = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - bareStart);
    // npx is an order of magnitude slower: a few runs, spread over the loop so the load falls on it alike.
    if (i % Math.max(1, Math.floor(runs / npxRuns)) === 0 && npx.length < npxRuns) {
      const npxStart = performance.now();
      const viaNpx = spawnSync('npx', ['--no-install', 'tracker', 'statusline', '--data-dir', dataDir], {
        input,
        encoding: 'utf8',
        cwd: packageRoot,
      });
      npx.push(performance.now() - npxStart);
      checkLine(viaNpx, `npx statusline run ${npx.length}`);
    }
  }
  return {
    runs,
    medianMs: pickPercentile(times, 0.5),
    p90Ms: pickPercentile(times, 0.9),
    bareNodeMedianMs: pickPercentile(bare, 0.5),
    npxRuns: npx.length,
    npxMedianMs: pickPercentile(npx, 0.5),
  };
}

function checkLine(result: { status: number | null; stdout: string; stderr: string }, what: string): void {
  if (result.status !== 0 || !result.stdout.startsWith('Opus 4.1 | 5h '))
    throw new Error(`${what} failed: ${result.stdout}${result.stderr}`);
}
