// Test fixture: builds a repository from commits under `root` and imports it as a user would, verified in `isolation`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IsolationPlan } from '../../isolation/resolve-isolation.js';
import { createSharedCaches, type SharedCaches } from '../../task-bank/shared-caches.js';
import { importTasks } from '../import-tasks.js';
import type { ImportSummary } from '../import-summary.js';
import { DEFAULT_LIMITS } from '../judge-change.js';
import { verifyImportedTask } from '../verify-imported-task.js';
import { buildRepo, type NativeCommit } from './native-repos.js';

export interface FixtureImport {
  summary: ImportSummary;
  /** The progress lines the import printed. */
  progress: string[];
  repo: string;
  bank: string;
}

/**
 * Up to 5 tasks from `commits`, each verified with the real toolchain; `quick`: 1 run on the solution and 1 on the fixture.
 * The runs share one import's build caches, removed at its end, as `experiment tasks import` gives them: without them
 * each go run started with an empty GOCACHE and vetted the standard library again (about 5 CPU-s a run, 0.6 warm).
 * `shared`: the caller's caches instead (it removes them), to run more in them after the import.
 */
export async function importFixtureRepo(
  root: string,
  commits: NativeCommit[],
  isolation: IsolationPlan | undefined,
  quick = false,
  shared?: SharedCaches,
): Promise<FixtureImport> {
  const repo = join(root, 'repo');
  const bank = join(root, 'bank');
  await buildRepo(repo, commits);
  mkdirSync(join(root, 'boxes'), { recursive: true });
  const reruns = quick ? { solution: 1, fixture: 1 } : undefined;
  const caches = shared ?? createSharedCaches(isolation?.runAs ?? null);
  const options = { isolation, parentDir: join(root, 'boxes'), timeoutMs: 180_000, caches, ...(reruns ? { reruns } : {}) };
  const progress: string[] = [];
  const summary = await importTasks({
    repo,
    out: bank,
    max: 5,
    limits: DEFAULT_LIMITS,
    verify: (dir, meta) => verifyImportedTask(dir, meta, options),
    onProgress: (line) => progress.push(line),
  }).finally(() => {
    if (!shared) caches.remove();
  });
  return { summary, progress, repo, bank };
}
