// `experiment view` (and `tracker view`): a local web viewer of runs, arms and the report, following the ledger live.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { readLedgerUrl } from '../../ledger/index.js';
import { startViewer } from '../../viewer/index.js';
import { resolveContext } from '../global-options.js';
import { readEverydayFlags } from '../everyday-flags.js';
import { readLoginNames } from '../read-login-names.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { printResult } from '../print-output.js';
import { parsePort, waitForStopSignal } from './serve-until-signal.js';

interface ViewFlags {
  port: string;
  host: string;
  token?: string;
  plan: string[];
}

export function createViewCommand(): Command {
  return new Command('view')
    .description('open a local web viewer of the runs, arms (transcript, diff, tests) and the report, updated live as the ledger grows')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8790')
    .option('--host <host>', 'address to listen on (prefer loopback and an SSH tunnel)', '127.0.0.1')
    .option('--token <token>', 'the secret the browser presents once in the URL (default: $TRACKER_VIEW_TOKEN, else a fresh one per start)')
    .option(
      '--plan <provider=plan>',
      'the plan a provider or login is on, e.g. claude=claude-max-20x or claude@acct-…=claude-pro, as tracker plans takes it (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .addHelpText(
      'after',
      `
Prints "experiment view: open URL" once ready and serves until Ctrl-C. The URL carries ?token=: every start makes a
new secret unless --token gives one, and the viewer answers nobody without it, not even on loopback (an agent in an
arm's sandbox shares the runner's loopback to reach its proxy; it must not read other arms here). Everything is
served from the package (no CDN: it works offline). The pages refetch what they show when the ledger changes (checked once a second), so a
running \`experiment run\` shows up without reloading. A PostgreSQL ledger (--ledger or TRACKER_LEDGER_URL) is read
as every command reads it.

The browser trades the token for a cookie at the first visit; scripts send it as the x-tracker-auth header (--json
prints it). Remote access: prefer an SSH tunnel (ssh -L 8790:127.0.0.1:8790 host) and keep the loopback address;
--host 0.0.0.0 serves plain HTTP to the network.
See docs/viewer.md.`,
    )
    .action(async function (this: Command, flags: ViewFlags) {
      const ctx = resolveContext(this);
      const port = parsePort(flags.port, '--port');
      // A read command never creates a data dir: a mistyped --data-dir must not show an empty ledger that looks real.
      // With a PostgreSQL ledger the rows are in the database: a teammate's data dir may not exist yet.
      if (!existsSync(ctx.dataDir) && readLedgerUrl(ctx.dataDir) === null)
        throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: ctx.dataDir });
      const token = flags.token ?? (process.env.TRACKER_VIEW_TOKEN || undefined);
      // The providers its providers.json declares, with the package's: the pages price them as the commands do.
      const catalog = loadProviderCatalog(ctx.dataDir);
      // Each --plan checked as tracker plans checks it (its provider known here, the plan one of its tiers), before serving.
      const { plans } = readEverydayFlags({ plan: flags.plan, confidence: '0.95' }, catalog, ctx.dataDir);
      const viewer = await startViewer({
        dataDir: ctx.dataDir,
        catalog,
        plans,
        // The logins' e-mails, as tracker plans names them: read once now, served with the pages, never written.
        accountNames: readLoginNames(ctx.dataDir),
        host: flags.host,
        port,
        token,
        onWarning: (message) => process.stderr.write(`experiment view: ${message}\n`),
      });
      // Listening before the URL is printed: a client that stops it on reading the URL must not meet the default SIGTERM.
      const stopping = waitForStopSignal();
      printResult(ctx.json, { url: viewer.url, port: viewer.port, token: viewer.token }, () => `experiment view: open ${viewer.url}\n`);
      const signal = await stopping;
      process.stderr.write(`experiment view: ${signal}, stopping\n`);
      await viewer.stop();
    });
}
