// Folds corrections and retractions into the current view; the bytes on disk are never changed.

export interface FoldableRow {
  id: string;
  kind: string;
  supersedes?: string | undefined;
  target_id?: string | undefined;
}

/**
 * Returns the rows that are current: every row in file order, minus retraction rows, the rows they
 * retract, and rows replaced by a later correction (a row whose `supersedes` names them).
 */
export function foldRows<R extends FoldableRow>(rows: Iterable<R>): R[] {
  const current = new Map<string, R>();
  for (const row of rows) foldRowInto(current, row);
  return [...current.values()];
}

/** One step of foldRows: `current` (id to row, in fold order) after `row`. A capture checkpoint carries it forward. */
export function foldRowInto<R extends FoldableRow>(current: Map<string, R>, row: R): void {
  if (row.kind === 'retraction') {
    if (row.target_id !== undefined) current.delete(row.target_id);
    return;
  }
  if (row.supersedes !== undefined) current.delete(row.supersedes);
  current.set(row.id, row);
}

/** Ids that a retraction or correction has removed from the view. */
export function collectDeadIds(rows: Iterable<FoldableRow>): Set<string> {
  const dead = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'retraction' && row.target_id !== undefined) dead.add(row.target_id);
    if (row.supersedes !== undefined) dead.add(row.supersedes);
  }
  return dead;
}
