// Applies the ledger schema's migrations in order, each in its own transaction, under a lock so two machines don't race.
import pg from 'pg';
import { LATEST_SCHEMA, MIGRATIONS } from './migrations.js';
import type { MigrateResult } from './pg-request.js';

const MIGRATION_LOCK = 'agent-tracker:migrate';

/** The newest applied version, or null for a database without the ledger schema. */
export async function readSchemaVersion(client: pg.Client): Promise<number | null> {
  const table = await client.query<{ name: string | null }>("SELECT to_regclass('tracker_schema_migrations')::text AS name");
  if (table.rows[0]?.name === null) return null;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM tracker_schema_migrations');
  return result.rows[0]?.version ?? null;
}

/**
 * Brings the schema to the latest version; with `appRole`, grants that role what the application needs and no more:
 * INSERT and SELECT on the ledger's tables (no UPDATE, DELETE or TRUNCATE).
 */
export async function applyMigrations(url: string, appRole: string | null): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url, application_name: 'agent-tracker migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS tracker_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const from = await readSchemaVersion(client);
    const newest = LATEST_SCHEMA;
    if (from !== null && from > newest)
      throw new Error(`the database's ledger schema is at version ${from}, newer than this build's ${newest}`);
    const applied: MigrateResult['applied'] = [];
    for (const migration of MIGRATIONS.filter((m) => from === null || m.version > from)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO tracker_schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
      }
      applied.push({ version: migration.version, name: migration.name });
    }
    if (appRole !== null) await grantAppRole(client, appRole);
    return { from, to: newest, applied, granted: appRole, grants: appRole === null ? null : APP_ROLE_GRANTS };
  } finally {
    await client.end();
  }
}

/**
 * What `--app-role` grants, said in the command's output word for word (APP_ROLE_GRANTS): the ledger append-only;
 * on the queue, UPDATE only of the columns a worker moves (an arm's claim and lease, a plan's stop reason), never a
 * plan's `settings` (a table-wide UPDATE let the role rewrite queued settings). Revoking the
 * table-wide privileges first also drops an older grant's (PostgreSQL: revoking a table privilege revokes it on
 * every column too), then the columns are granted again.
 */
async function grantAppRole(client: pg.Client, role: string): Promise<void> {
  const name = client.escapeIdentifier(role);
  await client.query(`GRANT SELECT, INSERT ON ledger_rows, ledger_rejects TO ${name}`);
  await client.query(`GRANT SELECT ON tracker_schema_migrations TO ${name}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ledger_rows, ledger_rejects, tracker_schema_migrations FROM ${name}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON experiment_queue, experiment_arms FROM ${name}`);
  await client.query(`GRANT SELECT, INSERT ON experiment_queue, experiment_arms TO ${name}`);
  await client.query(`GRANT UPDATE (stopped_by) ON experiment_queue TO ${name}`);
  await client.query(`GRANT UPDATE (state, worker, lease_until, heartbeat_at, claims, finished_at) ON experiment_arms TO ${name}`);
}

/** The grants in words, for `tracker ledger migrate --app-role`'s output. */
export const APP_ROLE_GRANTS =
  "SELECT and INSERT on the ledger (no UPDATE, DELETE or TRUNCATE); on the queue SELECT, INSERT, and UPDATE only of an arm's claim columns and a plan's stop reason (never a plan's settings)";
