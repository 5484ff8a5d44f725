// Opens `experiment view` (its own process) over a 100,000-window experiment ledger in Debian's chromium: first paint, data on screen, peak RSS; `tracker preview` on the same data beside it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExperimentLedger, generateExperimentLedger } from './generate-experiment-ledger.js';
import { type ChildMeasure, measureNode } from './measure-child.js';
import { readCpuMs, type ServerProcess, startJsonServer } from './server-process.js';

export interface ViewerSettings {
  windows: number;
  plans: number;
  /** Cold starts: a fresh viewer process and a fresh browser context each. */
  runs: number;
  /** Where --cpu-prof profiles of the viewer and its ledger reader go; null: no profile. */
  profileDir: string | null;
  chromium: string;
}

/** One cold start: ms from navigation start (the page's time origin) unless said otherwise. */
export interface ViewerRun {
  readyMs: number;
  firstPaintMs: number | null;
  /** The Runs page's first plan card (progress, providers) on screen. */
  runCardMs: number;
  /** The verdict's headline on screen (it waits for the report of that plan). */
  headlineMs: number;
  /** Every plan's report computed (the reader idle), ms from navigation start. */
  doneMs: number;
  /** CPU of the viewer's process (the server and its reader thread) from start to the headline. */
  cpuMs: number;
  /** Other pages, opened one after another once the headline showed: ms from the click to their data. */
  pages: { page: string; ms: number }[];
  /** Peak RSS of the viewer's process (the reader is a thread of it), read once the reader is idle. */
  peakRssKb: number | null;
  /** Readings started again with twice the heap limit (the reader ran out of it), from the viewer's stderr. */
  restarts: number;
}

export type ViewerBench =
  | { skipped: string }
  | { ledger: ExperimentLedger; generateSeconds: number; runs: ViewerRun[]; preview: ChildMeasure; loadBefore: string; loadAfter: string };

const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));
const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
const DATA_TIMEOUT_MS = 180_000;

/** Peak resident set size of a process so far, KiB (/proc/PID/status VmHWM); null once it is gone. */
export function readPeakRssKb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Waits until the viewer says no reading is under way (`/api/report`'s `computing`), every plan's report done. */
async function waitForIdle(url: string): Promise<void> {
  const deadline = performance.now() + DATA_TIMEOUT_MS;
  while (performance.now() < deadline) {
    // The token rides in the printed address; the API takes it as a header (the ?token= form answers with a redirect).
    const token = new URL(url).searchParams.get('token') ?? '';
    const answer = await fetch(new URL('api/report', url), { headers: { 'x-tracker-auth': token } });
    const body = (await answer.json()) as { computing?: boolean };
    if (body.computing === false) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the viewer was still reading the ledger after ${DATA_TIMEOUT_MS} ms`);
}

export async function benchViewer(workDir: string, settings: ViewerSettings): Promise<ViewerBench> {
  if (!existsSync(experimentPath)) return { skipped: `experiment CLI not built yet (${experimentPath} is missing)` };
  if (!existsSync(settings.chromium))
    return { skipped: `no chromium at ${settings.chromium} (set CHROMIUM_PATH, or apt-get install chromium)` };
  const { chromium } = await import('playwright-core');
  const dataDir = join(workDir, 'viewer-ledger');
  const started = performance.now();
  const ledger = generateExperimentLedger(dataDir, settings.windows, settings.plans);
  const generateSeconds = (performance.now() - started) / 1000;
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  const preview = await measureNode(trackerPath, ['preview', '--data-dir', dataDir], workDir);
  // A profile per process of the first start: the directory is emptied so the report lists only this run's.
  if (settings.profileDir) rmSync(settings.profileDir, { recursive: true, force: true });
  const browser = await chromium.launch({
    executablePath: settings.chromium,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  const runs: ViewerRun[] = [];
  try {
    for (let run = 0; run < settings.runs; run += 1) {
      const flags = settings.profileDir && run === 0 ? ['--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`] : [];
      runs.push(await openViewerOnce(browser, dataDir, workDir, flags, ledger.evidenceWindows[0] ?? ''));
    }
  } finally {
    await browser.close();
  }
  const loadAfter = readFileSync('/proc/loadavg', 'utf8').trim();
  return { ledger, generateSeconds, runs, preview, loadBefore, loadAfter };
}

type Browser = Awaited<ReturnType<typeof import('playwright-core')['chromium']['launch']>>;

async function openViewerOnce(
  browser: Browser,
  dataDir: string,
  workDir: string,
  nodeFlags: string[],
  armWindow: string,
): Promise<ViewerRun> {
  const spawned = performance.now();
  // One log per start (the server appends to it): its lines say whether the reader outgrew its heap limit.
  const stderrFile = join(workDir, 'viewer-stderr.log');
  rmSync(stderrFile, { force: true });
  const server: ServerProcess = await startJsonServer(
    [...nodeFlags, experimentPath, 'view', '--json', '--data-dir', dataDir, '--port', '0'],
    { stderrFile, timeoutMs: 60_000 },
  );
  const readyMs = performance.now() - spawned;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const sinceOrigin = (): Promise<number> => page.evaluate(() => performance.now());
    await page.goto(server.url, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid=run-card]', { timeout: DATA_TIMEOUT_MS });
    const runCardMs = await sinceOrigin();
    await page.waitForSelector('[data-testid=verdict]', { timeout: DATA_TIMEOUT_MS });
    const headlineMs = await sinceOrigin();
    const cpuMs = readCpuMs(server.pid);
    const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    const pages: ViewerRun['pages'] = [];
    for (const [label, hash, selector] of [
      ['Arms (first 50 rows)', '#/arms', '[data-testid=arms-table] tbody tr'],
      ['an arm (summary, evidence)', `#/arm/${encodeURIComponent(armWindow)}`, '[data-testid=arm-summary]'],
      ['Report (markdown and charts)', '#/report', '[data-testid=report]'],
      ['Runs again', '#/runs', '[data-testid=verdict]'],
    ] as const) {
      const from = await sinceOrigin();
      // The page's own hash navigation, as a click on its menu does (the bench compiles without DOM types).
      await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
      await page.waitForSelector(selector, { timeout: DATA_TIMEOUT_MS });
      pages.push({ page: label, ms: (await sinceOrigin()) - from });
    }
    // The peak is read once the reader is idle: the reports after the first plan's come later than the headline.
    await waitForIdle(server.url);
    const doneMs = await sinceOrigin();
    const peakRssKb = readPeakRssKb(server.pid);
    const restarts = readFileSync(stderrFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('reading it again with')).length;
    return { readyMs, firstPaintMs, runCardMs, headlineMs, doneMs, cpuMs, pages, peakRssKb, restarts };
  } finally {
    await context.close();
    await server.stop();
  }
}
