// G1's looks: which recorded previews share a basis (plan, unit, baseline) and which of them saw new windows: pure.
import type { PreviewRow } from '../../ledger/index.js';

/** What makes two previews comparable: the same plan (or none), the same unit and the same baseline. */
export interface G1Basis {
  plan_id: string | null;
  unit: string;
  baseline: string;
}

/** A preview's basis; null for rows recorded before `unit` and `baseline` were. */
export function readBasis(row: PreviewRow): G1Basis | null {
  if (row.unit === undefined || row.baseline === undefined) return null;
  return { plan_id: row.plan_id ?? null, unit: row.unit, baseline: row.baseline };
}

export function matchesBasis(row: PreviewRow, basis: Partial<G1Basis>): boolean {
  return (
    (basis.plan_id === undefined || (row.plan_id ?? null) === basis.plan_id) &&
    (basis.unit === undefined || row.unit === basis.unit) &&
    (basis.baseline === undefined || row.baseline === basis.baseline)
  );
}

export function describeBasis(basis: Partial<G1Basis>): string {
  const parts = [
    basis.plan_id === undefined ? null : basis.plan_id === null ? 'outside any plan' : `of plan ${basis.plan_id}`,
    basis.unit === undefined ? null : `in ${basis.unit}`,
    basis.baseline === undefined ? null : `against ${basis.baseline}`,
  ];
  return parts.filter((part) => part !== null).join(' ');
}

/**
 * "Two consecutive previews" means two looks with new windows between them. A look is told apart by the windows
 * (arms) it saw, every epoch counted: a preview's `windows` per provider (summarize-gate-fields.ts). Task counts
 * would not do: under `--epochs` they stop growing after the first epoch while the run goes on. Previews
 * recorded again on the same windows (twice in a second, say) say nothing new, so of each run of previews with
 * the same window count only the latest is kept.
 */
export function keepPreviewsWithNewWindows(previews: readonly PreviewRow[]): PreviewRow[] {
  const kept: PreviewRow[] = [];
  const countWindows = (row: PreviewRow): number => row.providers.reduce((sum, summary) => sum + summary.windows, 0);
  for (const row of previews) {
    const last = kept.at(-1);
    if (last && countWindows(last) === countWindows(row)) kept[kept.length - 1] = row;
    else kept.push(row);
  }
  return kept;
}
