// `tracker metrics`: the ledger for Prometheus (bars, tokens and dollars, limit hits, failover moves, experiments), served on loopback or printed once.
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { AppError, assertSafeHost } from '../../kernel/index.js';
import { readLedgerUrl } from '../../ledger/index.js';
import { resolveContext } from '../global-options.js';
import { createMetricsExposer } from '../metrics-registry.js';
import { printNote, printResult } from '../print-output.js';
import { createLedgerMetricsReader } from '../read-ledger-metrics.js';
import { startMetricsServer } from '../serve-metrics.js';
import { parsePort, waitForStopSignal } from './serve-until-signal.js';

interface MetricsFlags {
  listen: string;
  once?: boolean;
  format: 'prometheus' | 'openmetrics';
  authToken?: string;
  cacheSeconds: string;
  maxLabelValues: string;
  tz?: string;
  prices?: string;
}

export function createMetricsCommand(): Command {
  return new Command('metrics')
    .description(
      "serve the ledger to Prometheus at /metrics (each account's bars, tokens and dollars by provider, project and model, limit hits, failover moves, experiment progress), or print it once (docs/metrics.md)",
    )
    .option(
      '--listen <host:port>',
      'address to serve /metrics on (port 0 picks a free one); off loopback it needs --auth-token',
      '127.0.0.1:9477',
    )
    .option('--once', 'print the exposition to stdout and exit, serving nothing')
    .addOption(new Option('--format <format>', 'with --once: the text format').choices(['prometheus', 'openmetrics']).default('prometheus'))
    .option('--auth-token <token>', 'scrapers must send it as Authorization: Bearer <token> (default: $TRACKER_METRICS_AUTH_TOKEN)')
    .option('--cache-seconds <n>', 'a scrape this soon after the last ledger read is answered from it', '5')
    .option('--max-label-values <n>', 'projects, models and plans kept apart (the largest); the rest are one "other"', '20')
    .option('--tz <zone>', 'time zone of the days the usage tables count each provider in (default: the machine’s, as tracker usage)')
    .option('--prices <file>', 'JSON price table consulted before the defaults (as tracker usage --prices)')
    .addHelpText(
      'after',
      `
Served, it prints "tracker metrics: serving URL" once ready and answers until Ctrl-C; each scrape reads the ledger
(kept --cache-seconds). Counters are totals over the whole ledger, counted as tracker usage counts them. Labels are
bounded: accounts as claude@acct-… fingerprints (never an e-mail or a token), a project's folder name, the largest
--max-label-values projects and models. A Grafana dashboard: docs/grafana/agent-tracker.json. See docs/metrics.md.`,
    )
    .action(async function (this: Command, flags: MetricsFlags) {
      const ctx = resolveContext(this);
      const { host, port } = parseListen(flags.listen);
      const token = flags.authToken ?? (process.env.TRACKER_METRICS_AUTH_TOKEN || null);
      assertSafeHost(host, token, '--auth-token (or TRACKER_METRICS_AUTH_TOKEN), which scrapers then send as a bearer token', '--listen');
      const cacheSeconds = parseCount(flags.cacheSeconds, '--cache-seconds', 0);
      const maxLabelValues = parseCount(flags.maxLabelValues, '--max-label-values', 1);
      // A read command never creates a data dir: a mistyped --data-dir must not serve zeros that look real.
      if (!existsSync(ctx.dataDir) && readLedgerUrl(ctx.dataDir) === null)
        throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: ctx.dataDir });
      const reader = createLedgerMetricsReader(ctx.dataDir, {
        timeZone: checkTimeZone(flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone),
        maxLabelValues,
        cacheMs: cacheSeconds * 1000,
        prices: flags.prices,
      });
      const exposer = createMetricsExposer(() => reader.read());
      if (flags.once) return void process.stdout.write((await exposer.expose(flags.format)).body);
      // The first read before listening: a ledger or price file that cannot be read is refused now, not at each scrape.
      reader.read();
      const server = await startMetricsServer({
        host,
        port,
        token,
        exposer,
        onError: (error) => printNote(`a scrape failed: ${(error as Error).message ?? String(error)}`),
      });
      const stopping = waitForStopSignal();
      printResult(ctx.json, { url: server.url, port: server.port }, () => `tracker metrics: serving ${server.url}\n`);
      const signal = await stopping;
      process.stderr.write(`tracker metrics: ${signal}, stopping\n`);
      await server.stop();
    });
}

/** `127.0.0.1:9477`, `[::1]:9477` or `localhost:0`: a host and a port, both given. */
export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(value.trim());
  const host = match?.[1] ?? match?.[2];
  if (!match || host === undefined)
    throw new AppError('BAD_USAGE', `expected HOST:PORT such as 127.0.0.1:9477 or [::1]:9477, got ${JSON.stringify(value)}`, {
      where: '--listen',
    });
  return { host, port: parsePort(match[3] as string, '--listen') };
}

function parseCount(value: string, flag: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 100_000)
    throw new AppError('BAD_USAGE', `expected a whole number from ${min} to 100000, got ${JSON.stringify(value)}`, { where: flag });
  return Number(value);
}

function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw new AppError('BAD_USAGE', `unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as Europe/Paris or UTC)`, {
      where: '--tz',
    });
  }
}
