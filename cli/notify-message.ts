// What a notification says (one per bar and round) and the request body each webhook service documents for it.
import type { BarAlert, BarName, PaceAlert } from '../reports/index.js';
import { describeAlert, formatClock, formatTimeUntil, labelBar } from './format-bars.js';
import type { WebhookFormat } from './notify-config.js';

export interface Notice {
  /** One short line: the desktop's summary, ntfy's Title, the chat message's bold first line. */
  title: string;
  /** The lines under it: each crossing, the pace, the headroom in tasks. */
  text: string;
  /** A high threshold (95% and up) or a bar running out before its reset: ntfy priority high, desktop critical. */
  urgent: boolean;
  /** The same, as fields, for the `json` format. */
  fields: Record<string, unknown>;
}

export interface BarNoticeInput {
  provider: string;
  bar: BarName;
  crossings: readonly BarAlert[];
  pace: PaceAlert | null;
  headroom: string;
}

const URGENT_PCT = 95;

/** One bar's news of one round: several thresholds crossed at once are one message, not a burst of them. */
export function buildBarNotice(input: BarNoticeInput, now: Date): Notice {
  const { provider, bar, crossings, pace } = input;
  const last = crossings.at(-1);
  const used = last?.used_pct ?? pace?.used_pct ?? 0;
  const thresholds = crossings.map((alert) => alert.threshold);
  const head = `${provider} ${labelBar(bar)} bar at ${formatPct(used)}%`;
  const paceLine = pace === null ? null : describePace(pace, now);
  const title = thresholds.length > 0 ? `${head}: crossed ${thresholds.map((pct) => `${pct}%`).join(' and ')}` : `${head}: ${paceLine}`;
  const lines = [...crossings.map((alert) => describeAlert(alert, now)), ...(paceLine === null ? [] : [`${head}: ${paceLine}`])];
  return {
    title,
    text: [...lines, input.headroom].join('\n'),
    urgent: pace !== null || thresholds.some((pct) => pct >= URGENT_PCT),
    fields: {
      kind: 'bar',
      provider,
      bar,
      used_pct: used,
      thresholds,
      pace: pace !== null,
      at: last?.at ?? pace?.at ?? null,
      resets_at: last?.resets_at ?? pace?.resets_at ?? null,
      limit_at: pace?.limit_at ?? last?.limit_at ?? null,
      headroom: input.headroom,
    },
  };
}

/** `at this pace it runs out in 40 min, before its reset at 14:05`. */
export function describePace(pace: PaceAlert, now: Date): string {
  return `at this pace it runs out in ${formatTimeUntil(pace.limit_at, now)}, before its reset at ${formatClock(pace.resets_at, now)}`;
}

export interface WebhookRequest {
  headers: Record<string, string>;
  body: string;
}

/** Discord refuses a `content` longer than this (its Execute Webhook reference). */
const DISCORD_MAX = 2000;

/**
 * The body each service documents: Slack's incoming webhook `{"text"}` (mrkdwn, with `&`, `<` and `>` escaped as its
 * formatting guide asks), Discord's execute-webhook `{"content"}` (mentions disabled: an `@everyone` in a provider's
 * name must not ping a server), ntfy's plain-text publish with `Title`, `Priority` and `Tags` headers (docs.ntfy.sh/publish),
 * and our own JSON for anything else.
 */
export function buildWebhookRequest(notice: Notice, format: WebhookFormat): WebhookRequest {
  const json = { 'content-type': 'application/json' };
  if (format === 'slack') return { headers: json, body: JSON.stringify({ text: escapeSlack(`*${notice.title}*\n${notice.text}`) }) };
  if (format === 'discord') {
    const content = `**${notice.title}**\n${notice.text}`;
    const cut = content.length > DISCORD_MAX ? `${content.slice(0, DISCORD_MAX - 1)}…` : content;
    return { headers: json, body: JSON.stringify({ content: cut, allowed_mentions: { parse: [] } }) };
  }
  if (format === 'ntfy')
    return {
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        // Header values are bytes: anything past printable ASCII would make the request itself fail.
        title: notice.title.replace(/[^\x20-\x7e]/g, '?'),
        priority: notice.urgent ? 'high' : 'default',
        tags: notice.urgent ? 'rotating_light' : 'warning',
      },
      body: notice.text,
    };
  return { headers: json, body: JSON.stringify({ title: notice.title, text: notice.text, ...notice.fields }) };
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatPct(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
