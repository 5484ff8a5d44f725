// `tracker ledger`: the PostgreSQL ledger's schema, and moving rows between a data directory and a database.
import { Command } from 'commander';
import { checkLedgerUrl, describeLedgerUrl, readLedgerUrl } from '../../ledger/index.js';
import { exportLedger, pgBridge, pushLedger } from '../../ledger/pg/index.js';
import { AppError } from '../../kernel/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';

export function createLedgerCommand(): Command {
  return new Command('ledger')
    .description('a PostgreSQL ledger: migrate its schema, push a data directory into it, export it back (docs/team.md)')
    .addCommand(createMigrateCommand())
    .addCommand(createPushCommand())
    .addCommand(createExportCommand())
    .addCommand(createStatusCommand());
}

function createMigrateCommand(): Command {
  return new Command('migrate')
    .description('create or upgrade the ledger schema in the database of --ledger / $TRACKER_LEDGER_URL')
    .option(
      '--app-role <role>',
      "grant this role what workers and capture need: INSERT and SELECT on the ledger, UPDATE only of the queue's claim columns",
    )
    .action(function (this: Command, flags: { appRole?: string }) {
      const ctx = resolveContext(this);
      const url = requireLedgerUrl(ctx.dataDir);
      const result = pgBridge.migrate(url, flags.appRole ?? null);
      printResult(ctx.json, result, () => {
        const applied = result.applied.map((m) => `  ${m.version} ${m.name}\n`).join('');
        const grant = result.granted ? `Granted ${result.granted}: ${result.grants}.\n` : '';
        return `${applied ? `Applied:\n${applied}` : ''}Schema at version ${result.to} in ${describeLedgerUrl(url)}.\n${grant}`;
      });
    });
}

function createPushCommand(): Command {
  return new Command('push')
    .description("copy the data directory's JSONL rows into a PostgreSQL ledger; rows it has already are skipped")
    .requiredOption('--to <url>', 'the database (postgres://...); prefer $TRACKER_LEDGER_URL and --to env:TRACKER_LEDGER_URL')
    .action(function (this: Command, flags: { to: string }) {
      const ctx = resolveContext(this);
      const url = checkLedgerUrl(readUrlFlag(flags.to), '--to');
      const pushed = pushLedger(ctx.dataDir, url, (file) => {
        if (!ctx.json) process.stderr.write(`${file.file}: ${file.read} rows read, ${file.added} added, ${file.already} already there\n`);
      });
      printResult(ctx.json, { to: describeLedgerUrl(url), files: pushed }, () => {
        const added = pushed.reduce((sum, file) => sum + file.added, 0);
        return `Pushed ${ctx.dataDir} to ${describeLedgerUrl(url)}: ${added} rows added.\n`;
      });
    });
}

function createExportCommand(): Command {
  return new Command('export')
    .description('write the PostgreSQL ledger back out as JSONL files in a new directory')
    .requiredOption('--to <dir>', 'a directory that does not exist yet, or is empty')
    .action(function (this: Command, flags: { to: string }) {
      const ctx = resolveContext(this);
      const url = requireLedgerUrl(ctx.dataDir);
      const exported = exportLedger(url, flags.to);
      printResult(
        ctx.json,
        { to: flags.to, files: exported },
        () => exported.map((file) => `${file.file}: ${file.rows} rows\n`).join('') + `Exported ${describeLedgerUrl(url)} to ${flags.to}.\n`,
      );
    });
}

function createStatusCommand(): Command {
  return new Command('status').description('where the ledger lives, and its rows per file').action(function (this: Command) {
    const ctx = resolveContext(this);
    const url = readLedgerUrl(ctx.dataDir);
    const counts = url === null ? null : pgBridge.count(url);
    const value = {
      backend: url === null ? 'files' : 'postgres',
      ledger: url === null ? ctx.dataDir : describeLedgerUrl(url),
      rows: counts,
    };
    printResult(ctx.json, value, () =>
      url === null
        ? `Ledger: JSONL files in ${ctx.dataDir} (pass --ledger or set TRACKER_LEDGER_URL for PostgreSQL).\n`
        : `Ledger: PostgreSQL ${describeLedgerUrl(url)}\n${Object.entries(counts ?? {})
            .map(([file, rows]) => `  ${file}: ${rows} ${rows === 1 ? 'row' : 'rows'}\n`)
            .join('')}`,
    );
  });
}

function requireLedgerUrl(dataDir: string): string {
  const url = readLedgerUrl(dataDir);
  if (url === null)
    throw new AppError('BAD_USAGE', 'no PostgreSQL ledger named: pass --ledger postgres://... or set TRACKER_LEDGER_URL', {
      where: 'tracker ledger',
    });
  return url;
}

/** `env:NAME` reads the connection string from a variable, so a password never stands on a command line (ps shows it). */
function readUrlFlag(value: string): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const url = process.env[name];
  if (!url) throw new AppError('BAD_USAGE', `environment variable ${name} is not set`, { where: '--to' });
  return url;
}
