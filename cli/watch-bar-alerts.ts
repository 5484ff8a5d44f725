// `tracker watch --alert-at/--on-alert/notify.json`: after each round, projects the bars and alerts each new crossing once.
import { join } from 'node:path';
import { execa } from 'execa';
import * as z from 'zod';
import { readBoundedFile, resolveAgentStateDir, writeJsonAtomically, type BarInputsReader } from '../ledger/index.js';
import { AppError, escapeControls, parseJsonText } from '../kernel/index.js';
import {
  type AlertMarks,
  type BarAlert,
  type BarProjection,
  collectBarSeries,
  findBarCrossings,
  findPaceCrossings,
  type PaceAlert,
  parseThresholds,
  projectBars,
} from '../reports/index.js';
import { describeAlert, labelBar } from './format-bars.js';
import type { CommandContext } from './global-options.js';
import type { Notifier } from './notifier.js';
import type { NotifyConfig } from './notify-config.js';
import { buildBarNotice, describePace } from './notify-message.js';
import { printNote } from './print-output.js';
import { readHeadroom } from './read-headroom.js';

export interface AlertSettings {
  thresholds: number[];
  /** Reads the ledger's bar rows, on from where the last round ended. */
  bars: BarInputsReader;
  /** The user's command, run by the shell; null prints the alert line instead. */
  command: string | null;
  timeoutMs: number;
  /** notify.json's rules per bar (they replace `thresholds`) and its sinks; null without the file. */
  notify: { config: NotifyConfig; notifier: Notifier } | null;
}

const MARKS_FILE = 'bar-alerts.json';
const MarksSchema = z.record(z.string(), z.object({ period_start: z.string(), crossed_at: z.string() }));

/** `80,95` as [80, 95]: each a percentage above 0 and at most 100, in increasing order once sorted; duplicates kept once. */
export function parseAlertThresholds(value: string): number[] {
  const thresholds = parseThresholds(value);
  if (thresholds === null)
    throw new AppError(
      'BAD_USAGE',
      `expected percentages above 0 and at most 100 separated by commas, such as 80,95; got ${JSON.stringify(value)}`,
      { where: '--alert-at' },
    );
  return thresholds;
}

/**
 * One look: the bars as the ledger has them now, each new crossing alerted. The marks are saved before any command
 * runs, so a watch restarted (or killed while a command ran) does not alert the same crossing twice. A command that
 * fails or times out is a note; the watch goes on.
 */
export async function checkBarAlerts(ctx: CommandContext, settings: AlertSettings, now: Date): Promise<BarAlert[]> {
  const path = join(resolveAgentStateDir(ctx.dataDir, ctx.agentId), MARKS_FILE);
  const config = settings.notify?.config ?? null;
  const projections = projectBars(collectBarSeries(settings.bars.read()), now, config?.allThresholds ?? settings.thresholds).map(
    (p): BarProjection =>
      config === null ? p : { ...p, thresholds: p.thresholds.filter((t) => config.ruleFor(p.provider, p.bar).thresholds.includes(t.pct)) },
  );
  const crossed = findBarCrossings(projections, now, readMarks(path));
  // The pace rule is notify.json's: a plain --alert-at watch alerts at its thresholds only, as it always did.
  const { alerts: paces, marks } =
    config === null
      ? { alerts: [], marks: crossed.marks }
      : findPaceCrossings(projections, crossed.marks, (p) => config.ruleFor(p.provider, p.bar).pace);
  const alerts = crossed.alerts;
  if (alerts.length === 0 && paces.length === 0) return alerts;
  // What is left, in tasks like the recent ones (docs/plans.md#headroom-as-tasks), beside each alert: read before the
  // marks are saved, so a watch that dies reading a huge ledger alerts again rather than never.
  const headroom = readHeadroom(ctx.dataDir, now);
  writeJsonAtomically(path, marks);
  for (const alert of alerts) {
    const left = headroom(alert.provider);
    if (ctx.json) process.stdout.write(`${JSON.stringify({ alert: { ...alert, headroom: left } })}\n`);
    else if (settings.command === null)
      process.stdout.write(`${now.toISOString()} ${escapeControls(describeAlert(alert, now))}\n  ${escapeControls(left)}\n`);
    if (settings.command !== null) await runAlertCommand(settings, alert, now, left);
  }
  for (const pace of paces) await alertPace(ctx, settings, pace, now, headroom(pace.provider));
  if (settings.notify) sendBarNotices(settings.notify.notifier, alerts, paces, headroom, now);
  return alerts;
}

async function alertPace(ctx: CommandContext, settings: AlertSettings, pace: PaceAlert, now: Date, left: string): Promise<void> {
  const line = `alert: ${pace.provider} ${labelBar(pace.bar)} bar at ${pace.used_pct}%: ${describePace(pace, now)}`;
  if (ctx.json) process.stdout.write(`${JSON.stringify({ pace: { ...pace, headroom: left } })}\n`);
  else if (settings.command === null) process.stdout.write(`${now.toISOString()} ${escapeControls(line)}\n  ${escapeControls(left)}\n`);
  await runShellAlert(settings, `${now.toISOString()} ${line}`, {
    TRACKER_ALERT_KIND: 'pace',
    TRACKER_ALERT_PROVIDER: pace.provider,
    TRACKER_ALERT_BAR: pace.bar,
    TRACKER_ALERT_PCT: String(pace.used_pct),
    TRACKER_ALERT_RESETS_AT: pace.resets_at,
    TRACKER_ALERT_LIMIT_AT: pace.limit_at,
    TRACKER_ALERT_HEADROOM: left,
  });
}

/** One notice per bar and round: a bar that crossed 80% and 95% between two rounds is one message, not two. */
function sendBarNotices(
  notifier: Notifier,
  alerts: readonly BarAlert[],
  paces: readonly PaceAlert[],
  headroom: (provider: string) => string,
  now: Date,
): void {
  const keys = [...new Set([...alerts, ...paces].map((alert) => `${alert.provider}\n${alert.bar}`))];
  for (const key of keys) {
    const crossings = alerts.filter((alert) => `${alert.provider}\n${alert.bar}` === key);
    const pace = paces.find((alert) => `${alert.provider}\n${alert.bar}` === key) ?? null;
    const first = crossings[0] ?? pace;
    if (!first) continue;
    notifier.send(buildBarNotice({ provider: first.provider, bar: first.bar, crossings, pace, headroom: headroom(first.provider) }, now));
  }
}

async function runAlertCommand(settings: AlertSettings, alert: BarAlert, now: Date, headroom: string): Promise<void> {
  await runShellAlert(settings, `${now.toISOString()} ${describeAlert(alert, now)}`, {
    TRACKER_ALERT_KIND: 'bar',
    TRACKER_ALERT_PROVIDER: alert.provider,
    TRACKER_ALERT_BAR: alert.bar,
    TRACKER_ALERT_PCT: String(alert.used_pct),
    TRACKER_ALERT_THRESHOLD: String(alert.threshold),
    TRACKER_ALERT_RESETS_AT: alert.resets_at ?? '',
    TRACKER_ALERT_LIMIT_AT: alert.limit_at ?? '',
    TRACKER_ALERT_HEADROOM: headroom,
  });
}

/** Runs the user's --on-alert command with the alert in `env`; a failure or a timeout is a note, the watch goes on. */
export async function runShellAlert(settings: AlertSettings, line: string, env: Record<string, string>): Promise<void> {
  if (settings.command === null) return;
  printNote(`${line}: running --on-alert`);
  // The user's own command line, so the shell reads it; its output goes to stderr to keep --json's stdout parseable.
  const result = await execa(settings.command, {
    shell: true,
    stdin: 'ignore',
    stdout: 2,
    stderr: 2,
    reject: false,
    timeout: settings.timeoutMs,
    env,
  });
  if (result.timedOut) printNote(`--on-alert command stopped after ${settings.timeoutMs / 1000}s (--alert-timeout); the watch goes on`);
  else if (result.failed)
    printNote(
      `--on-alert command failed (${result.exitCode === undefined ? result.shortMessage : `exit code ${result.exitCode}`}); the watch goes on`,
    );
}

/** What was alerted before; a damaged file is said and read as nothing (an alert may then repeat once). */
function readMarks(path: string): AlertMarks {
  try {
    const text = readBoundedFile(path);
    return text === null ? {} : MarksSchema.parse(parseJsonText(text, path));
  } catch {
    printNote(`${path} is damaged: alerts start afresh`);
    return {};
  }
}
