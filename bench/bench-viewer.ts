// `experiment view` on a generated ledger (100,000 windows by default): first paint in Chromium and the server's memory,
// against `tracker preview`'s time on the same data (issue 33: first paint < 2 s, memory < 300 MB).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { mb, num, table, verdict } from './format-report.js';
import { generateLedger } from './generate-ledger.js';
import { measureNode } from './measure-child.js';

const TARGET_PAINT_S = 2;
const TARGET_RSS_MB = 300;
const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));

/** Resident KiB of a process and its children (the viewer's reader process), from /proc. */
function readTreeRssKb(pid: number): number {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children ? children.split(/\s+/) : []) total += readTreeRssKb(Number(child));
  } catch {
    // the process ended between two reads
  }
  return total;
}

/** Starts `experiment view --json` and resolves with its URL once it prints it. */
function startViewerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [experimentPath, 'view', '--data-dir', dataDir, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url"\s*:\s*"([^"]+)"/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`experiment view exited (${code}) before printing its URL: ${out}`)));
  });
}

export async function reportViewer(workDir: string, windows: number): Promise<number> {
  console.log(`Viewer: experiment view over a generated ledger of ${num(windows)} windows, read in Chromium`);
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(experimentPath)) return skip(`experiment CLI not built yet (${experimentPath} is missing)`);
  if (!existsSync(chromiumPath)) return skip(`no chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const dataDir = join(workDir, 'viewer-ledger');
  const generated = generateLedger(dataDir, windows * 2);
  console.log(`  generated ${num(generated.windows)} windows, ${num(mb(generated.bytes / 1024))} MB`);
  const preview = await measureNode(trackerPath, ['preview', '--data-dir', dataDir, '--json', '--full-scan'], workDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // As root (CI containers) Chromium will not start its sandbox: https://crbug.com/638180. The page is our own, on loopback.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  const started = performance.now();
  const { child, url } = await startViewerProcess(dataDir);
  const listening = (performance.now() - started) / 1000;
  let peakKb = 0;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, readTreeRssKb(child.pid ?? 0));
  }, 50);
  try {
    const visit = async (route: string, selector: string): Promise<number> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${url}${route}`);
      await page.locator(selector).first().waitFor({ timeout: 120_000 });
      const seconds = (performance.now() - t0) / 1000;
      await context.close();
      return seconds;
    };
    // Opened at once, as a user would: the arms wait for the reader's first pass over the ledger.
    const runs = await visit('#/runs', 'main h1 ~ *');
    const arms = await visit('#/arms', '[data-testid=arms-table] tbody tr');
    const armsAgain = await visit('#/arms?sort=tokens&desc=1', '[data-testid=arms-table] tbody tr');
    // The peak comes later: the reader goes on to the bars, the usage tables and the report.
    const reportReady = await waitForReport(url, started);
    peakKb = Math.max(peakKb, readTreeRssKb(child.pid ?? 0));
    const rows = [
      ['server listening (from spawn)', `${num(listening, 2)} s`],
      ['runs page painted (from navigation)', `${num(runs, 2)} s`],
      ['arms page, first rows (reader started with the server)', `${num(arms, 2)} s`],
      ['arms page sorted by tokens, again', `${num(armsAgain, 2)} s`],
      ['report computed (from spawn)', reportReady === null ? 'n/a: not within 300 s' : `${num(reportReady, 2)} s`],
      ['tracker preview --json --full-scan (same ledger)', `${num(preview.wallSeconds, 2)} s`],
    ];
    console.log(table(['what', 'wall'], rows));
    const paint = Math.max(runs, arms);
    console.log(
      `  first paint (slowest page) ${num(paint, 2)} s: ${num(paint / preview.wallSeconds, 2)}x the preview's time; target < ${TARGET_PAINT_S} s: ${verdict(paint, TARGET_PAINT_S, false)}`,
    );
    console.log(
      `  server + reader peak RSS ${num(mb(peakKb))} MB (sampled every 50 ms until the report was computed); target < ${TARGET_RSS_MB} MB: ${verdict(mb(peakKb), TARGET_RSS_MB, false)}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`,
    );
    return paint < TARGET_PAINT_S && mb(peakKb) < TARGET_RSS_MB ? 0 : 1;
  } finally {
    clearInterval(sampler);
    child.kill('SIGINT');
    await browser.close();
  }
}

/** Seconds from `started` until /api/report has a report and is no longer computing; null after 300 s. */
async function waitForReport(url: string, started: number): Promise<number | null> {
  const deadline = performance.now() + 300_000;
  while (performance.now() < deadline) {
    const answer = (await (await fetch(`${url}api/report`)).json()) as { computing?: boolean; reports?: unknown[] };
    if (answer.computing === false && (answer.reports?.length ?? 0) > 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

function skip(reason: string): number {
  console.log(`  SKIPPED: ${reason}\n`);
  return 0;
}
