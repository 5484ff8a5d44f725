// The lines of an import's summary naming each candidate set aside because its tests never ran, with why and where its log is.
import { escapeControls } from '../kernel/index.js';
import type { ImportSummary } from '../runner/index.js';

/** How many set-aside candidates the summary names one by one; the rest are counted (all are in the logs). */
const NAMED = 10;

/**
 * One line per candidate whose tests never ran (an environment failure, a module the fixture left out, tests that do
 * not load at their commit), newest first, after a heading naming the log folder; none when there was none. An import
 * that kept tasks goes on past such candidates (the early stop is for an environment that runs no test): this is where
 * it says which it set aside and why.
 */
export function describeSetAside(summary: ImportSummary, logs: string | null): string[] {
  const setAside = summary.rejected.filter((entry) => entry.environment !== undefined);
  if (setAside.length === 0) return [];
  const where = logs === null ? '' : ` (each one's output is in ${logs})`;
  const lines = [`Set aside, their tests never ran${where}:`];
  for (const entry of setAside.slice(0, NAMED)) lines.push(`  ${entry.commit.slice(0, 7)}  ${escapeControls(entry.reason)}`);
  if (setAside.length > NAMED) lines.push(`  and ${setAside.length - NAMED} more`);
  return lines;
}
