// Near-duplicate changes: Jaccard similarity of the shingles of their changed lines, compared only for the same set of files.

/** Consecutive changed lines in one shingle. */
export const SHINGLE_LINES = 3;
/** Two changes to the same files whose shingle sets overlap at least this much are near-duplicates. */
export const DUPLICATE_JACCARD = 0.8;

/**
 * The shingles of a unified diff (`git diff -U0`): each changed line keeps its sign (+/-) and loses its indentation and
 * repeated spaces, and every run of SHINGLE_LINES consecutive changed lines of one file is one shingle. A file with
 * fewer changed lines gives one shingle of them all. A revert has the opposite signs, so it is not a duplicate.
 */
export function shingleDiff(diff: string): Set<string> {
  const byFile = new Map<string, string[]>();
  let file = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = line;
      continue;
    }
    if (line.startsWith('+++ ') || line.startsWith('--- ')) continue;
    if (line.startsWith('+') || line.startsWith('-')) {
      const normal = `${line[0]}${line.slice(1).trim().replace(/\s+/g, ' ')}`;
      byFile.set(file, [...(byFile.get(file) ?? []), normal]);
    }
  }
  const shingles = new Set<string>();
  for (const [name, lines] of byFile) {
    const last = Math.max(0, lines.length - SHINGLE_LINES);
    for (let start = 0; start <= last; start += 1) shingles.add(`${name}\n${lines.slice(start, start + SHINGLE_LINES).join('\n')}`);
  }
  return shingles;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical (1). */
export function measureJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export interface ShingledChange {
  commit: string;
  files: readonly string[];
  shingles: ReadonlySet<string>;
}

/** The first kept change that `change` nearly duplicates (same files, Jaccard >= DUPLICATE_JACCARD), if any. */
export function findNearDuplicate(
  change: ShingledChange,
  kept: readonly ShingledChange[],
): { commit: string; jaccard: number } | undefined {
  const key = [...change.files].sort().join('\n');
  for (const other of kept) {
    if ([...other.files].sort().join('\n') !== key) continue;
    const jaccard = measureJaccard(change.shingles, other.shingles);
    if (jaccard >= DUPLICATE_JACCARD) return { commit: other.commit, jaccard };
  }
  return undefined;
}
