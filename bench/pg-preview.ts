// `tracker preview --json` over one generated ledger: on its JSONL files, and from PostgreSQL with a cold and a warm local copy.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateLedger, type GeneratedLedger } from './generate-ledger.js';
import { measureNode } from './measure-child.js';
import { type BenchCluster, runTracker, spreadOf, type Spread, trackerPath } from './pg-bench-db.js';

export interface PreviewRound {
  jsonlS: number;
  /** An empty data dir: every row fetched into postgres-copy/, then scanned. */
  coldS: number;
  /** The same data dir again: the copy is checked for new rows (none), then scanned. */
  warmS: number;
}

export interface PreviewComparison {
  ledger: GeneratedLedger;
  generateS: number;
  pushS: number;
  rounds: PreviewRound[];
  jsonlS: Spread;
  coldS: Spread;
  warmS: Spread;
  /** cold - warm per round: what the whole fetch into the local copy costs. */
  fetchS: Spread;
  coldRatio: Spread;
  warmRatio: Spread;
}

/** Generates `windows` windows (two snapshot rows each), pushes them once, then times the three previews round by round. */
export async function comparePreview(workDir: string, cluster: BenchCluster, windows: number, rounds: number): Promise<PreviewComparison> {
  const filesDir = join(workDir, 'preview-jsonl');
  let started = performance.now();
  const ledger = generateLedger(filesDir, windows * 2);
  const generateS = (performance.now() - started) / 1000;
  const url = cluster.createLedger();
  started = performance.now();
  runTracker(['ledger', 'push', '--data-dir', filesDir, '--to', 'env:BENCH_PG_URL'], url, false);
  const pushS = (performance.now() - started) / 1000;

  const done: PreviewRound[] = [];
  const previewS = async (dataDir: string, ledgerUrl: string | null): Promise<number> => {
    const env = { ...process.env, TRACKER_LEDGER_URL: ledgerUrl ?? '' };
    const measure = await measureNode(trackerPath, ['preview', '--json', '--data-dir', dataDir], workDir, env);
    if (measure.code !== 0) throw new Error(`tracker preview failed (exit ${measure.code}): ${measure.stderr.trim()}`);
    return measure.wallSeconds;
  };
  for (let round = 0; round < rounds; round += 1) {
    const copyDir = join(workDir, `preview-pg-${round}`);
    mkdirSync(copyDir, { recursive: true });
    // JSONL between the cold and the warm run one round, before them the next: load drift is shared out.
    const jsonlFirst = round % 2 === 0;
    const jsonlBefore = jsonlFirst ? await previewS(filesDir, null) : Number.NaN;
    const coldS = await previewS(copyDir, url);
    const jsonlBetween = jsonlFirst ? Number.NaN : await previewS(filesDir, null);
    const warmS = await previewS(copyDir, url);
    done.push({ jsonlS: jsonlFirst ? jsonlBefore : jsonlBetween, coldS, warmS });
    rmSync(copyDir, { recursive: true, force: true });
  }
  rmSync(filesDir, { recursive: true, force: true });
  const pick = (value: (round: PreviewRound) => number): Spread => spreadOf(done.map(value));
  return {
    ledger,
    generateS,
    pushS,
    rounds: done,
    jsonlS: pick((r) => r.jsonlS),
    coldS: pick((r) => r.coldS),
    warmS: pick((r) => r.warmS),
    fetchS: pick((r) => r.coldS - r.warmS),
    coldRatio: pick((r) => r.coldS / r.jsonlS),
    warmRatio: pick((r) => r.warmS / r.jsonlS),
  };
}
