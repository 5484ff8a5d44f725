// The PostgreSQL ledger's schema, as numbered migrations applied in order and recorded in tracker_schema_migrations.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Append-only, enforced by the database (invariant 1): a trigger refuses UPDATE, DELETE and TRUNCATE even for the
 * table's owner, and the application role is granted INSERT and SELECT only on the ledger (`tracker ledger migrate --app-role`; apply-migrations.ts).
 * Each row keeps its JSONL line byte for byte, so an export writes back exactly what was pushed and readers' needle
 * filters mean what they mean on files; `seq` is the order of appends to one file, which the per-file advisory lock
 * makes the commit order (ledger/pg/append-rows-pg.ts).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger rows, append-only',
    sql: `
CREATE TABLE ledger_rows (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file text NOT NULL,
  id text NOT NULL,
  line text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ledger_rows_one_id_per_file UNIQUE (file, id)
);
CREATE INDEX ledger_rows_file_seq ON ledger_rows (file, seq);
CREATE FUNCTION tracker_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % refused (write a correction or retraction row instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_rows_append_only BEFORE UPDATE OR DELETE ON ledger_rows
  FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER ledger_rows_no_truncate BEFORE TRUNCATE ON ledger_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
CREATE TABLE ledger_rejects (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  reason text NOT NULL,
  raw bytea NOT NULL,
  kept_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER ledger_rejects_append_only BEFORE UPDATE OR DELETE ON ledger_rejects
  FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
`,
  },
  {
    version: 2,
    name: 'experiment queue: arms claimed by workers under leases',
    // Operational state, not ledger rows: a lease is claimed, extended and ended in place, so these tables take
    // UPDATE. What an arm produced (captures, its window) is still appended to ledger_rows only.
    sql: `
CREATE TABLE experiment_queue (
  plan_id text PRIMARY KEY,
  settings jsonb NOT NULL,
  queued_by text NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now(),
  stopped_by text
);
CREATE TABLE experiment_arms (
  plan_id text NOT NULL REFERENCES experiment_queue (plan_id),
  arm_index integer NOT NULL,
  provider text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done')),
  worker text,
  lease_until timestamptz,
  heartbeat_at timestamptz,
  claims integer NOT NULL DEFAULT 0,
  finished_at timestamptz,
  PRIMARY KEY (plan_id, arm_index)
);
`,
  },
];

/** The newest schema this build knows. */
export const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((migration) => migration.version));
