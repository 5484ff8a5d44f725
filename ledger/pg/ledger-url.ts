// A PostgreSQL ledger's connection string: checked once, and shown without its password wherever it is printed.
import { AppError } from '../../kernel/index.js';

/** `postgres://` or `postgresql://`, as libpq and node-postgres accept them. */
export function checkLedgerUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError(
      'BAD_USAGE',
      `expected a postgres://user@host/database connection string, got ${JSON.stringify(describeLedgerUrl(url))}`,
      {
        where,
      },
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new AppError(
      'BAD_USAGE',
      `expected a postgres:// or postgresql:// connection string, got one starting ${JSON.stringify(parsed.protocol)}`,
      {
        where,
      },
    );
  }
  return url;
}

/** The connection string with any password replaced: safe for errors, logs and the methodology. */
export function describeLedgerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return '<unparseable connection string>';
  }
}
