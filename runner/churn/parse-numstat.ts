// Sums `git diff --numstat` output: files changed, lines inserted and deleted, binary files.

export interface Churn {
  filesChanged: number;
  insertions: number;
  deletions: number;
  /** Binary files show `-` for both counts; they count as changed files with no lines. */
  binaryFiles: number;
}

export function parseNumstat(output: string): Churn {
  const churn: Churn = { filesChanged: 0, insertions: 0, deletions: 0, binaryFiles: 0 };
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const [added, removed] = line.split('\t');
    churn.filesChanged += 1;
    if (added === '-' && removed === '-') {
      churn.binaryFiles += 1;
      continue;
    }
    const insertions = Number(added);
    const deletions = Number(removed);
    if (!Number.isInteger(insertions) || !Number.isInteger(deletions)) throw new Error(`unexpected numstat line: ${JSON.stringify(line)}`);
    churn.insertions += insertions;
    churn.deletions += deletions;
  }
  return churn;
}
