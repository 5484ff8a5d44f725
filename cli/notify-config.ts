// `<data dir>/notify.json`: where `tracker watch` sends its notifications and at which thresholds, checked whole with zod.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { BAR_NAMES, type BarName, readJsonFile } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';

export const NOTIFY_FILE = 'notify.json';
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord', 'ntfy'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const DEFAULT_THRESHOLDS = [80, 95];
const DEFAULT_PER_MINUTE = 6;
const DEFAULT_TIMEOUT_S = 10;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ThresholdsSchema = z
  .array(z.number().gt(0, 'expected a percentage above 0').lte(100, 'expected a percentage of at most 100'))
  .max(10, 'expected at most 10 thresholds');
const RuleSchema = z.strictObject({ thresholds: ThresholdsSchema.optional(), pace: z.boolean().optional() });
const TimeoutSchema = z.number().min(1, 'expected seconds, at least 1').max(120, 'expected seconds, at most 120');

const WebhookSchema = z
  .strictObject({
    type: z.literal('webhook'),
    // Never echoed back: a webhook's path is its secret (Slack, Discord and ntfy topics alike).
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    url_env: z.string().regex(ENV_NAME, 'expected an environment variable name').optional(),
    format: z.enum(WEBHOOK_FORMATS).default('json'),
  })
  .refine((sink) => (sink.url === undefined) !== (sink.url_env === undefined), 'expected either url or url_env (one of them)');
const DesktopSchema = z.strictObject({ type: z.literal('desktop') });
const CommandSchema = z.strictObject({ type: z.literal('command'), run: z.string().trim().min(1, 'expected a shell command') });

const NotifySchema = z
  .strictObject({
    thresholds: ThresholdsSchema.optional(),
    pace: z.boolean().optional(),
    bars: z.record(z.string(), RuleSchema).optional(),
    sinks: z.array(z.discriminatedUnion('type', [WebhookSchema, DesktopSchema, CommandSchema])).min(1, 'expected at least one sink'),
    rate_limit: z.strictObject({ per_minute: z.int().min(1).max(60) }).optional(),
    timeout_s: TimeoutSchema.optional(),
  })
  .refine((file) => file.sinks.filter((sink) => sink.type === 'command').length <= 1, {
    message: 'expected at most one command sink (it runs as --on-alert does)',
    path: ['sinks'],
  });

export interface BarRule {
  thresholds: number[];
  pace: boolean;
}

export interface WebhookSink {
  type: 'webhook';
  url: string;
  format: WebhookFormat;
}
export type NotifySink = WebhookSink | { type: 'desktop' } | { type: 'command'; run: string };

export interface NotifyConfig {
  file: string;
  /** The rule of one provider's bar: `bars["claude/five_hour"]`, else `bars["five_hour"]`, else the file's defaults. */
  ruleFor(provider: string, bar: BarName): BarRule;
  /** Every threshold any rule names, for the projection. */
  allThresholds: number[];
  sinks: NotifySink[];
  perMinute: number;
  timeoutMs: number;
}

const HINT = '(docs/notifications.md)';

/** The data dir's notify.json, or null when there is none; a bad one is refused in one line naming the file and field. */
export function loadNotifyConfig(dataDir: string, env: NodeJS.ProcessEnv, defaultThresholds?: number[]): NotifyConfig | null {
  const file = join(dataDir, NOTIFY_FILE);
  if (!existsSync(file)) return null;
  const raw = readJsonFile(file, NotifySchema, { hint: HINT, label: 'top level' });
  const bars = raw.bars ?? {};
  for (const key of Object.keys(bars)) {
    const bar = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (!(BAR_NAMES as readonly string[]).includes(bar) || key.startsWith('/'))
      throw new AppError('BAD_INPUT', `bars.${key}: expected a bar (${BAR_NAMES.join(', ')}) or provider/bar ${HINT}`, { where: file });
  }
  const base: BarRule = { thresholds: sortUnique(defaultThresholds ?? raw.thresholds ?? DEFAULT_THRESHOLDS), pace: raw.pace ?? true };
  const ruleFor = (provider: string, bar: BarName): BarRule => {
    const own = bars[`${provider}/${bar}`] ?? bars[bar];
    return own ? { thresholds: sortUnique(own.thresholds ?? base.thresholds), pace: own.pace ?? base.pace } : base;
  };
  const allThresholds = sortUnique([...base.thresholds, ...Object.values(bars).flatMap((rule) => rule.thresholds ?? [])]);
  return {
    file,
    ruleFor,
    allThresholds,
    sinks: raw.sinks.map((sink, index) => resolveSink(sink, index, file, env)),
    perMinute: raw.rate_limit?.per_minute ?? DEFAULT_PER_MINUTE,
    timeoutMs: (raw.timeout_s ?? DEFAULT_TIMEOUT_S) * 1000,
  };
}

function resolveSink(sink: z.infer<typeof NotifySchema>['sinks'][number], index: number, file: string, env: NodeJS.ProcessEnv): NotifySink {
  if (sink.type !== 'webhook') return sink;
  if (sink.url !== undefined) return { type: 'webhook', url: sink.url, format: sink.format };
  const value = env[sink.url_env as string]?.trim() ?? '';
  if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value))
    throw new AppError(
      'BAD_INPUT',
      `sinks.${index}.url_env: ${sink.url_env} ${value === '' ? 'is not set' : 'does not hold an http(s) URL'} ${HINT}`,
      { where: file },
    );
  return { type: 'webhook', url: value, format: sink.format };
}

function sortUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
