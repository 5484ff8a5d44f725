// Appends to a PostgreSQL ledger: the same promise as appendRows on files (a builder decides under the file's lock,
// all rows or none, each row once), with an advisory lock and a transaction in place of flock and fsync.
import { splitRowLines } from './append-in-transaction.js';
import { checkFence, readActiveFence } from './ledger-fence.js';
import { pgBridge } from './pg-bridge.js';

/** Depth of appends inside one transaction: a builder that appends to another file (an anomaly) joins the outer one. */
let depth = 0;

/**
 * Rows built already (no builder reads under the lock): one call into the worker for the whole transaction, a
 * quarter of the thread hand-offs of appendRowsPg. Inside another append's transaction it joins that one instead.
 */
export function appendBuiltRowsPg<R extends object>(url: string, file: string, rows: R[]): R[] {
  if (depth > 0 || readActiveFence() !== null) return appendRowsPg(url, file, () => rows);
  if (rows.length > 0) {
    const { ids, lines } = splitRowLines(rows);
    pgBridge.append(url, file, ids, lines);
  }
  return rows;
}

/**
 * Runs `build` under the database's lock for `file` and inserts what it returns in the same transaction. Rows whose
 * id is already in the file are skipped (a retry, or a push of rows already there), so an append is idempotent.
 * A nested append commits with the outermost one: a refusal anywhere writes nothing.
 */
export function appendRowsPg<R extends object>(url: string, file: string, build: () => R[]): R[] {
  const outer = depth === 0;
  if (outer) pgBridge.begin(url);
  let rows: R[];
  depth += 1;
  try {
    rows = lockAndInsert(url, file, build, outer);
    if (outer) pgBridge.commit(url);
  } catch (error) {
    if (outer) rollbackQuietly(url);
    throw error;
  } finally {
    depth -= 1;
  }
  return rows;
}

function lockAndInsert<R extends object>(url: string, file: string, build: () => R[], outer: boolean): R[] {
  pgBridge.lock(url, file);
  const rows = build();
  // After the builder (which may still refuse) and before the insert: a fence that fails writes nothing.
  const fence = outer ? readActiveFence() : null;
  if (fence && rows.length > 0) checkFence(fence, pgBridge.fence(url, fence.sql, fence.params));
  if (rows.length > 0) {
    const { ids, lines } = splitRowLines(rows);
    pgBridge.insert(url, file, ids, lines);
  }
  return rows;
}

function rollbackQuietly(url: string): void {
  try {
    pgBridge.rollback(url);
  } catch {
    // The connection is gone: the server has rolled the transaction back itself.
  }
}
