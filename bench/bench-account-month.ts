// `tracker calibrate`, `tracker plans` and the status line on a three-account month, each against an older build's in the same run (BENCH_BASE_DIST).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAccountMonth } from './generate-account-month.js';
import { pickPercentile } from './latency-stats.js';

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
/** Within this multiple of the older build on the same data (the real-readings work may cost no more). */
const TARGET_RATIO = 1.5;
const STATUS_INPUT = JSON.stringify({
  model: { display_name: 'Sonnet 4.5' },
  rate_limits: {
    five_hour: { used_percentage: 42, resets_at: 4_102_444_800 },
    seven_day: { used_percentage: 12, resets_at: 4_102_444_800 },
  },
});

/** Wall milliseconds of one run of `tracker ARGS` from process start to exit. */
function timeRun(tracker: string, args: readonly string[], dataDir: string, input?: string): number {
  const before = performance.now();
  const result = spawnSync(process.execPath, [tracker, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, TRACKER_DATA_DIR: dataDir },
  });
  if (result.status !== 0) throw new Error(`${tracker} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  return performance.now() - before;
}

/** Prints each command's median wall ms, and A/B against BENCH_BASE_DIST's tracker where given; 1 if a ratio passes the target. */
export function reportAccountMonth(workDir: string, runs: number): number {
  const dataDir = join(workDir, 'account-month');
  const requests = 100_000;
  writeAccountMonth(dataDir, requests);
  const base = process.env.BENCH_BASE_DIST ? join(process.env.BENCH_BASE_DIST, 'cli', 'tracker.js') : null;
  console.log(
    `Account month: 3 Claude accounts, ${requests.toLocaleString('en-US')} proxy rows, status line and quota readings; ${runs} runs each`,
  );
  const commands: [string, string[], string | undefined][] = [
    ['tracker calibrate', ['calibrate', '--until', '2026-11-01'], undefined],
    ['tracker plans', ['plans', '--until', '2026-11-01'], undefined],
    ['tracker statusline', ['statusline'], STATUS_INPUT],
  ];
  let code = 0;
  for (const [name, args, input] of commands) {
    const mine: number[] = [];
    const theirs: number[] = [];
    // A and B in turn, so the machine's drift falls on both alike; the ratio is of the medians.
    for (let i = 0; i < runs; i += 1) {
      mine.push(timeRun(trackerPath, args, dataDir, input));
      if (base) theirs.push(timeRun(base, args, dataDir, input));
    }
    const median = pickPercentile(mine, 0.5);
    if (!base) {
      console.log(`  ${name.padEnd(20)} median ${median.toFixed(0)} ms (BENCH_BASE_DIST=<an older build's dist> for the ratio)`);
      continue;
    }
    const ratio = median / pickPercentile(theirs, 0.5);
    if (ratio > TARGET_RATIO) code = 1;
    console.log(
      `  ${name.padEnd(20)} median ${median.toFixed(0)} ms, base ${pickPercentile(theirs, 0.5).toFixed(0)} ms: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x) -> ${ratio > TARGET_RATIO ? 'MISSED' : 'met'}`,
    );
  }
  console.log('');
  return code;
}
