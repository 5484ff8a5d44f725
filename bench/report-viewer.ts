// Prints the viewer bench: cold starts of `experiment view` in chromium against the issue's targets, beside `tracker preview` on the same ledger.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchViewer, type ViewerSettings } from './bench-viewer.js';
import { readTopSelfTime } from './cpu-profile-top.js';
import { mb, num, table, verdict } from './format-report.js';

/** First paint within 2 s on a ledger of 100,000 windows, memory under 300 MB. */
const TARGET_FIRST_PAINT_MS = 2_000;
const TARGET_MEMORY_MB = 300;

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** "1.23 s (0.62 of the 2 s target: MET)"; n/a with its reason when a figure is missing. */
function judge(value: number | null, target: number, unit: 'ms' | 'MB', why: string): string {
  if (value === null) return `n/a (${why})`;
  const shown = unit === 'ms' ? `${num(value)} ms` : `${num(value)} MB`;
  return `${shown} (${num(value / target, 2)} of the ${num(target)} ${unit} target: ${verdict(value, target, false)})`;
}

/** KiB (what /proc says "kB") to megabytes of 10^6 bytes. */
function toMegabytes(kib: number): number {
  return (kib * 1024) / 1e6;
}

export async function reportViewer(workDir: string, settings: ViewerSettings): Promise<number> {
  console.log(
    `Viewer: experiment view over ${num(settings.windows)} windows in ${settings.plans} plans, opened in ${settings.chromium} (headless), ${settings.runs} cold starts`,
  );
  const bench = await benchViewer(workDir, settings);
  if ('skipped' in bench) {
    console.log(`  SKIPPED: ${bench.skipped}\n`);
    return 0;
  }
  const { ledger, runs, preview } = bench;
  console.log(
    `  generated in ${num(bench.generateSeconds, 1)} s: ${num(ledger.windows)} windows, ${num(ledger.telemetryRows)} proxy rows, ${num(mb(ledger.bytes / 1024))} MB; load before ${bench.loadBefore}`,
  );
  // Memory in megabytes of 10^6 bytes, the stricter reading of the target (VmHWM counts KiB; MiB shown beside).
  const kb = (value: number | null): string => (value === null ? 'n/a' : `${num(toMegabytes(value))} MB (${num(mb(value))} MiB)`);
  console.log(
    table(
      ['run', 'ready', 'first paint', 'Runs card', 'headline', 'all reports', 'CPU to headline', 'peak RSS', 'reader restarts'],
      runs.map((run, index) => [
        String(index + 1),
        `${num(run.readyMs)} ms`,
        run.firstPaintMs === null ? 'n/a' : `${num(run.firstPaintMs)} ms`,
        `${num(run.runCardMs)} ms`,
        `${num(run.headlineMs)} ms`,
        `${num(run.doneMs)} ms`,
        `${num(run.cpuMs)} ms`,
        kb(run.peakRssKb),
        String(run.restarts),
      ]),
    ),
  );
  const pageNames = runs[0]?.pages.map((page) => page.page) ?? [];
  console.log(
    `  other pages, from the click to their data (median of ${runs.length}): ${pageNames.map((name) => `${name} ${num(median(runs.map((run) => run.pages.find((page) => page.page === name)?.ms ?? Number.NaN)))} ms`).join('; ')}`,
  );
  const paints = runs.map((run) => run.firstPaintMs).filter((value): value is number => value !== null);
  const firstPaint = paints.length === runs.length ? median(paints) : null;
  const peaks = runs.map((run) => (run.peakRssKb === null ? null : toMegabytes(run.peakRssKb)));
  const memory = peaks.every((value) => value !== null) ? Math.max(...(peaks as number[])) : null;
  console.log(`  first paint, median: ${judge(firstPaint, TARGET_FIRST_PAINT_MS, 'ms', 'chromium reported no first-contentful-paint')}`);
  console.log(
    `  memory, the viewer's process with its reader thread (peak RSS once every report is computed, the worst run): ${judge(memory, TARGET_MEMORY_MB, 'MB', 'the process ended before its VmHWM was read')}`,
  );
  const headline = median(runs.map((run) => run.headlineMs));
  const runCard = median(runs.map((run) => run.runCardMs));
  const cpu = median(runs.map((run) => run.cpuMs));
  const previewCpu = preview.cpuSeconds === null ? null : preview.cpuSeconds * 1000;
  console.log(
    `  tracker preview on the same ledger: ${num(preview.wallSeconds, 2)} s wall, ${previewCpu === null ? 'CPU n/a (no GNU time)' : `${num(previewCpu)} ms CPU`}, peak RSS ${kb(preview.maxRssKb)}, exit ${preview.code}`,
  );
  console.log(
    `  ratio to the preview (median): first paint ${num((firstPaint ?? Number.NaN) / (preview.wallSeconds * 1000), 2)}x, Runs card ${num(runCard / (preview.wallSeconds * 1000), 2)}x, headline ${num(headline / (preview.wallSeconds * 1000), 2)}x of its wall; CPU to the headline ${previewCpu === null ? 'n/a' : `${num(cpu / previewCpu, 2)}x`} of its CPU`,
  );
  console.log(`  load after ${bench.loadAfter}`);
  if (settings.profileDir) printProfiles(settings.profileDir);
  console.log('');
  const missed = firstPaint === null || firstPaint >= TARGET_FIRST_PAINT_MS || memory === null || memory >= TARGET_MEMORY_MB;
  return missed || preview.code !== 0 ? 1 : 0;
}

function printProfiles(dir: string): void {
  if (!existsSync(dir)) return void console.log(`  no CPU profile written to ${dir}`);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const { entries, busyMs } = readTopSelfTime(join(dir, file), 8);
    console.log(`  profile ${file}: ${num(busyMs)} ms busy; most self time:`);
    for (const entry of entries)
      console.log(`    ${num(entry.ms).padStart(7)} ms ${num(entry.share * 100, 1).padStart(5)}%  ${entry.name} ${entry.where}`);
  }
}
