// Keeps the output of each candidate an import rejected for its environment, redacted, under the data dir's import-logs/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError, redactText } from '../kernel/index.js';
import type { ImportSummary } from '../runner/index.js';

/** Writes one log per environment rejection into a new folder; returns that folder, or null when there was none. */
export function writeImportLogs(dataDir: string, summary: ImportSummary, now: Date): string | null {
  const failed = summary.rejected.filter((entry) => entry.environment !== undefined);
  if (failed.length === 0) return null;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const dir = join(dataDir, 'import-logs', `${basename(summary.repo)}-${stamp}`);
  try {
    mkdirSync(dir, { recursive: true });
    for (const entry of failed) {
      const { cause, fix, log } = entry.environment as NonNullable<typeof entry.environment>;
      const text = [
        `commit ${entry.commit} ${entry.subject}`,
        `rejected: ${entry.reason}`,
        `cause: ${cause}`,
        `fix: ${fix}`,
        '',
        ...log,
        '',
      ].join('\n');
      writeFileSync(join(dir, `${entry.commit.slice(0, 12)}.log`), redactText(text), { flag: 'wx' });
    }
  } catch (error) {
    throw new AppError('IO', `expected to write the import's logs, got ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      where: dir,
      cause: error,
    });
  }
  return dir;
}
