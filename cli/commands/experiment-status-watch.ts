// `experiment status --watch`: a compact live dashboard of a run (runs, last arms, bars with time to limit); the verdict at the end.
import { resolve } from 'node:path';
import { escapeControls, escapeStrings } from '../../kernel/index.js';
import { createBarInputsReader } from '../../ledger/index.js';
import type { CommandContext } from '../global-options.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { parsePositiveInt } from '../parse-flags.js';
import { createStoppableSleep } from './serve-until-signal.js';
import type { BarProjection } from '../../reports/index.js';
import { readHeadroom } from '../read-headroom.js';
import { buildDashboard, renderDashboard, type WatchedPlan } from './status-dashboard.js';
import { parseDuration } from './watch.js';

export interface StatusFlags {
  plan?: string;
  watch?: boolean;
  every: string;
  count?: string;
}

/**
 * Looks every `--every` until a run that was seen (or found) under way has ended, `--count` looks, or Ctrl-C. With no
 * run started yet it waits for one. A terminal is redrawn in place at every look (the times to a limit count down); a
 * pipe or file gets a block per change, so a log stays readable; --json a JSON object per change. The whole verdict
 * is printed once, when the run ends.
 */
export async function watchStatus(
  ctx: CommandContext,
  flags: StatusFlags,
  read: (plan: string | undefined) => WatchedPlan[],
  catalog: ProviderCatalog,
): Promise<void> {
  const everyMs = parseDuration(flags.every, '--every');
  const looks = flags.count === undefined ? Number.POSITIVE_INFINITY : parsePositiveInt(flags.count, '--count');
  const live = process.stdout.isTTY === true && !ctx.json;
  const pause = createStoppableSleep();
  const where = resolve(ctx.dataDir);
  const bars = createBarInputsReader(ctx.dataDir);
  const headroom = createHeadroomLines(ctx.dataDir);
  let last = '';
  for (let look = 1; look <= looks && !pause.stopped; look += 1) {
    const statuses = read(flags.plan);
    const started = statuses.some((status) => status.state !== 'not-started');
    // A teammate's run on a shared ledger goes on too: keep watching it.
    const running = statuses.some((status) => status.state === 'running' || status.state === 'elsewhere');
    const now = new Date();
    const { view, report } = buildDashboard(ctx.dataDir, statuses, flags.plan, now, bars.read(), catalog);
    view.headroom = headroom.read(view.bars, now);
    // What the dashboard draws, every string one line (a ledger row's line break cannot forge a line of it).
    const shown = escapeStrings(view);
    // The run is over once one has started and none runs: without --count, this look is the last.
    const over = started && !running;
    const ended = over && (flags.count === undefined || look === looks);
    const waiting = started ? null : `waiting for a run${flags.plan ? ` of plan ${flags.plan}` : ''} in ${where} ... Ctrl-C to stop`;
    const key = JSON.stringify({ ...view, at: '' });
    const width = live ? Math.max(20, (process.stdout.columns > 0 ? process.stdout.columns : 120) - 1) : null;
    if (ctx.json) {
      if (key !== last) process.stdout.write(`${JSON.stringify({ ...view, waiting: !started, ended })}\n`);
    } else if (live) {
      const footer = ended ? '' : `\n(updated ${view.at}; every ${flags.every}; Ctrl-C to stop)\n`;
      process.stdout.write(`\x1b[H\x1b[2J${renderDashboard(shown, { dataDir: ctx.dataDir, stamp: false, width, waiting })}${footer}`);
    } else if (key !== last) {
      process.stdout.write(renderDashboard(shown, { dataDir: ctx.dataDir, stamp: true, width: null, waiting }));
    }
    last = key;
    if (ended) {
      if (report && !ctx.json) process.stdout.write(`\n${formatVerdict(report.verdict)}\n`);
      if (flags.count === undefined) break;
    }
    if (look < looks) await pause.sleep(everyMs);
  }
}

/** How long a headroom stands while its bars stay in the same periods: a run's bars move on nearly every look. */
const HEADROOM_EVERY_MS = 5 * 60_000;

/**
 * The headroom of each live bar's account. It reads the last 4 weeks of the ledger (as `tracker watch` does for an
 * alert), so it is read again only when a bar enters a new period or comes or goes, or 5 minutes on: the tasks it
 * counts change slowly, and the watcher shares the machine with the run it watches.
 */
function createHeadroomLines(dataDir: string): { read: (live: readonly BarProjection[], now: Date) => string[] } {
  let seen = '';
  let at = Number.NEGATIVE_INFINITY;
  let lines: string[] = [];
  return {
    read: (live, now) => {
      const key = JSON.stringify(live.map((bar) => [bar.provider, bar.bar, bar.resets_at]));
      if (key !== seen || now.getTime() - at >= HEADROOM_EVERY_MS) {
        const lineOf = readHeadroom(dataDir, now);
        lines = [...new Set([...new Set(live.map((bar) => bar.provider))].map(lineOf))];
        [seen, at] = [key, now.getTime()];
      }
      return lines;
    },
  };
}

/** The report's verdict as plain text: bold marks removed, every line escaped (it quotes provider names from the ledger). */
function formatVerdict(verdict: string): string {
  return `Verdict:\n${verdict
    .replace(/\*\*/g, '')
    .split('\n')
    .map((line) => escapeControls(line))
    .join('\n')}`;
}
