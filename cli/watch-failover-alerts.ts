// `tracker watch --alert-at/--on-alert`: says when the proxy's failover chain moved work on, and when it came back.
import { join } from 'node:path';
import { type FailoverState, readFailoverState, readStateJson, resolveAgentStateDir, writeJsonAtomically } from '../ledger/index.js';
import { escapeControls } from '../kernel/index.js';
import type { CommandContext } from './global-options.js';
import { printNote } from './print-output.js';
import { type AlertSettings, runShellAlert } from './watch-bar-alerts.js';

const MARKS_FILE = 'failover-alerts.json';
/** A return is news this long after it; a move while its window is still spent. */
const RETURN_NEWS_MS = 10 * 60_000;

type FailoverEvent = NonNullable<FailoverState['last']>;

/** What was said of an unreadable state file (a FIFO, a device in its place): once per watch, not every round. */
const saidUnreadable = new Set<string>();

/**
 * One look at the proxy's proxy_failover.json: its last move or return, alerted once (the mark is saved before the
 * command runs, as the bar alerts' are). A watch started long after an event says nothing of it: a move only while
 * its window is still spent, a return only within ten minutes.
 */
export async function checkFailoverAlerts(ctx: CommandContext, settings: AlertSettings, now: Date): Promise<FailoverEvent | null> {
  const event = readFailoverState(ctx.dataDir, noteUnreadableOnce)?.last ?? null;
  if (event === null) return null;
  const path = join(resolveAgentStateDir(ctx.dataDir, ctx.agentId), MARKS_FILE);
  const mark = `${event.kind}@${event.at}`;
  const seen = readMark(path);
  if (seen === mark || (seen === null && !isNews(event, now))) return null;
  writeJsonAtomically(path, { last: mark });
  const line = `${now.toISOString()} ${describeFailoverEvent(event)}`;
  if (ctx.json) process.stdout.write(`${JSON.stringify({ failover: event })}\n`);
  else if (settings.command === null) process.stdout.write(`${escapeControls(line)}\n`);
  settings.notify?.notifier.send({
    title: describeFailoverEvent(event),
    text: line,
    urgent: event.kind === 'move',
    fields: { ...event, kind: `failover-${event.kind}` },
  });
  await runShellAlert(settings, line, {
    TRACKER_ALERT_KIND: `failover-${event.kind}`,
    TRACKER_ALERT_FROM: event.from,
    TRACKER_ALERT_TO: event.to,
    TRACKER_ALERT_BAR: event.bar,
    TRACKER_ALERT_PCT: String(event.used_pct),
    TRACKER_ALERT_RESETS_AT: event.resets_at,
  });
  return event;
}

/** `failover: work moved from anthropic to glm (anthropic's five_hour window spent, 100%; back at its reset ...)`. */
export function describeFailoverEvent(event: FailoverEvent): string {
  return event.kind === 'move'
    ? `failover: work moved from ${event.from} to ${event.to} (${event.from}'s ${event.bar} window spent, ${event.used_pct}%; back at its reset ${event.resets_at})`
    : `failover: work is back on ${event.to} (its ${event.bar} window reset at ${event.resets_at})`;
}

function isNews(event: FailoverEvent, now: Date): boolean {
  return event.kind === 'move' ? Date.parse(event.resets_at) > now.getTime() : now.getTime() - Date.parse(event.at) < RETURN_NEWS_MS;
}

/** The mark kept, read through the guard (a FIFO in its place is no mark, not a hung watch). */
function readMark(path: string): string | null {
  const value = readStateJson(path) as { last?: unknown } | undefined;
  return typeof value === 'object' && value !== null && typeof value.last === 'string' ? value.last : null;
}

function noteUnreadableOnce(line: string): void {
  if (saidUnreadable.has(line)) return;
  saidUnreadable.add(line);
  printNote(`${line}; the watch goes on without the failover chain's alerts`);
}
