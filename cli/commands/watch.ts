// `tracker watch`: zero-touch capture without the proxy: reads every quota endpoint on a timer, records readings that changed, alerts at thresholds.
import { Command, Option } from 'commander';
import { createBarInputsReader, recordReadingIfChanged } from '../../ledger/index.js';
import { AppError, escapeControls } from '../../kernel/index.js';
import { QUOTA_KINDS, type QuotaKind } from '../../sources/quota/index.js';
import { resolveContext } from '../global-options.js';
import { parsePositiveInt } from '../parse-flags.js';
import { printNote } from '../print-output.js';
import { describeBars, readProviderQuotas } from '../read-provider-quotas.js';
import { checkBarAlerts, parseAlertThresholds, type AlertSettings } from '../watch-bar-alerts.js';
import { checkFailoverAlerts } from '../watch-failover-alerts.js';
import { createNotifier } from '../notifier.js';
import { loadNotifyConfig } from '../notify-config.js';
import { createStoppableSleep } from './serve-until-signal.js';

interface WatchFlags {
  provider?: QuotaKind[];
  every: string;
  count?: string;
  alertAt?: string;
  onAlert?: string;
  alertTimeout: string;
  model?: string;
}

export function createWatchCommand(): Command {
  return new Command('watch')
    .description(
      "read the quota endpoints every interval, record each reading that changed, and with --alert-at (or the data dir's notify.json: desktop, webhooks, docs/notifications.md) alert when a bar crosses a threshold (Ctrl-C stops)",
    )
    .addOption(
      new Option('--provider <kind...>', 'which endpoints (default: every provider you have credentials for)').choices(QUOTA_KINDS),
    )
    .option('--every <duration>', 'interval: 90s, 5m, 1h (at least 1s)', '60s')
    .option(
      '--model <id>',
      "where an endpoint keeps a bar per model (Gemini's Code Assist), that model's (default: the one nearest its limit)",
    )
    .option('--count <n>', 'stop after this many rounds (default: until stopped)')
    .option(
      '--alert-at <pcts>',
      'after each round, alert when a bar reaches one of these percentages (once per bar, threshold and reset period)',
    )
    .option(
      '--on-alert <command>',
      'run this shell command on an alert, with TRACKER_ALERT_* set (default --alert-at 80,95): a bar crossing, or the proxy moving work on or back (TRACKER_ALERT_KIND bar, failover-move, failover-return); without it the alert is printed',
    )
    .option('--alert-timeout <duration>', 'stop an --on-alert command after this long', '60s')
    .action(async function (this: Command, flags: WatchFlags) {
      const ctx = resolveContext(this);
      const everyMs = parseDuration(flags.every, '--every');
      const alerts = readAlertSettings(flags, ctx.dataDir);
      const rounds = flags.count === undefined ? Number.POSITIVE_INFINITY : parsePositiveInt(flags.count, '--count');
      const kinds = [...new Set(flags.provider ?? QUOTA_KINDS)];
      const pause = createStoppableSleep();
      let recorded = 0;
      let anyRead = false;
      for (let round = 1; round <= rounds && !pause.stopped; round += 1) {
        const outcomes = await readProviderQuotas(kinds, {
          dataDir: ctx.dataDir,
          agentId: ctx.agentId,
          env: process.env,
          ...(flags.model === undefined ? {} : { model: flags.model }),
        });
        for (const outcome of outcomes) {
          // A watcher outlives network blips and expired logins: it says so and tries again next round.
          if (outcome.status === 'failed') printNote(`${new Date().toISOString()} ${outcome.kind}: ${outcome.error.toLine()}`);
          if (outcome.status === 'no-credentials' && round === 1 && flags.provider) printNote(`${outcome.kind}: ${outcome.detail}`);
          if (outcome.status !== 'read') continue;
          anyRead = true;
          const { recorded: changed } = recordReadingIfChanged(
            ctx.dataDir,
            { ...ctx.stamp, source: 'quota' },
            {
              provider: outcome.kind,
              format: outcome.reading.format,
              capturedAt: outcome.at,
              bars: outcome.reading.bars,
              ...(outcome.account !== null ? { account: outcome.account } : {}),
            },
          );
          if (!changed) continue;
          recorded += 1;
          const line = { at: outcome.at.toISOString(), provider: outcome.kind, bars: outcome.reading.bars };
          process.stdout.write(
            ctx.json
              ? `${JSON.stringify(line)}\n`
              : `${line.at} ${outcome.kind}: ${escapeControls(describeBars(outcome.reading.bars).join('; '))}\n`,
          );
        }
        // Every source the ledger has counts (proxy headers, statusLine), not only this round's endpoints.
        if (alerts) await checkBarAlerts(ctx, alerts, new Date());
        // The proxy's failover chain on this data dir: when work moved on, and when it came back.
        if (alerts) await checkFailoverAlerts(ctx, alerts, new Date());
        if (round === 1 && !anyRead && outcomes.every((outcome) => outcome.status === 'no-credentials')) {
          // Alerts read the ledger, which a status line or the proxy fills without any quota credential.
          if (alerts) printNote('no quota endpoint has credentials: alerting on the readings the ledger has (status line, proxy, quota)');
          else
            throw new AppError(
              'NOT_FOUND',
              'no provider has credentials: set CLAUDE_CODE_OAUTH_TOKEN, log in to Codex with ChatGPT, set ZAI_API_KEY, or sign in to Gemini CLI with Google (see tracker quota --help)',
              { where: 'watch' },
            );
        }
        if (round < rounds) await pause.sleep(everyMs);
      }
      await alerts?.notify?.notifier.drain();
      if (!ctx.json) printNote(`watch ended: ${recorded} reading${recorded === 1 ? '' : 's'} recorded`);
    });
}

/**
 * The alert flags and the data dir's notify.json (docs/notifications.md), checked before the first round; null when the
 * watch alerts nothing. Flags win: --alert-at replaces the file's default thresholds, --on-alert its command sink.
 */
function readAlertSettings(flags: WatchFlags, dataDir: string): AlertSettings | null {
  if (flags.onAlert !== undefined && flags.onAlert.trim() === '')
    throw new AppError('BAD_USAGE', 'expected a shell command, got an empty one', { where: '--on-alert' });
  const thresholds = parseAlertThresholds(flags.alertAt ?? '80,95');
  const config = loadNotifyConfig(dataDir, process.env, flags.alertAt === undefined ? undefined : thresholds);
  if (flags.alertAt === undefined && flags.onAlert === undefined && config === null) return null;
  const command = config?.sinks.find((sink) => sink.type === 'command');
  return {
    thresholds,
    bars: createBarInputsReader(dataDir),
    command: flags.onAlert ?? command?.run ?? null,
    timeoutMs: parseDuration(flags.alertTimeout, '--alert-timeout'),
    notify: config === null ? null : { config, notifier: createNotifier({ config, env: process.env, note: printNote }) },
  };
}

/** `90s`, `5m`, `1h` or plain seconds, as milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  const ms = match ? Number(match[1]) * scale[(match[2] ?? 's') as keyof typeof scale] : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1000 || ms > 86_400_000)
    throw new AppError('BAD_USAGE', `expected a duration from 1s to 24h such as 90s, 5m or 1h, got ${JSON.stringify(value)}`, {
      where: flag,
    });
  return ms;
}
