// Brings a row read from a ledger file up to the schema version this build writes, one version step at a time.
import { SCHEMA_VERSION } from '../../kernel/index.js';

/** One step: a row of version `from` in, the same row as version `from + 1` out (a pure function of the row). */
export type RowMigration = (row: Record<string, unknown>) => Record<string, unknown>;

/**
 * The steps, keyed by the version they upgrade from. Empty while every row ever written is version 1. A change to a
 * row's shape that old readers could misread bumps SCHEMA_VERSION and adds its step here, with a test that feeds it
 * rows of the old version (docs/data-format.md, "Schema versions"). Files are never rewritten: rows are migrated as
 * they are read, so an old ledger stays byte for byte as it was written (invariant 1).
 */
export const MIGRATIONS: ReadonlyMap<number, RowMigration> = new Map();

export type MigratedRow = { row: Record<string, unknown> } | { refused: string };

/**
 * The row at `current`; a row of a newer version is refused (this build cannot know what its fields mean). A row
 * without a schema_version is passed through as it is: the readers' own checks decide about it.
 */
export function migrateRow(
  row: Record<string, unknown>,
  migrations: ReadonlyMap<number, RowMigration> = MIGRATIONS,
  current = SCHEMA_VERSION,
): MigratedRow {
  const version = row.schema_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version === current) return { row };
  if (version > current)
    return { refused: `schema_version ${version} is newer than this agent-tracker reads (${current}): upgrade agent-tracker to read it` };
  let migrated = row;
  for (let from = version; from < current; from += 1) {
    const step = migrations.get(from);
    if (!step) return { refused: `schema_version ${version} has no migration from version ${from} to ${from + 1}` };
    migrated = { ...step(migrated), schema_version: from + 1 };
  }
  return { row: migrated };
}
