// `tracker preview --json` over one generated ledger: on its JSONL files, and from PostgreSQL cold, warm, and carried on from its checkpoint.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateLedger, type GeneratedLedger } from './generate-ledger.js';
import { measureNode } from './measure-child.js';
import { type BenchCluster, runTracker, spreadOf, type Spread, trackerPath } from './pg-bench-db.js';

export interface PreviewRound {
  /** `--full-scan` on the JSONL files: every row read. */
  jsonlS: number;
  /** An empty data dir: every row fetched into postgres-copy/, then scanned (and the preview checkpoint stored). */
  coldS: number;
  /** The same data dir, `--full-scan`: the copy is checked for new rows (none), then every row scanned. */
  warmS: number;
  /** The same data dir: the copy checked, the preview carried on from its checkpoint (ADR 0019), nothing new. */
  carriedS: number;
  /** After one more window was captured and completed through PostgreSQL: the new rows fetched and folded in. */
  carriedNewS: number;
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
  carriedS: Spread;
  carriedNewS: Spread;
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
  const previewS = async (dataDir: string, ledgerUrl: string | null, extra: string[] = []): Promise<number> => {
    const env = { ...process.env, TRACKER_LEDGER_URL: ledgerUrl ?? '' };
    const measure = await measureNode(trackerPath, ['preview', '--json', '--data-dir', dataDir, ...extra], workDir, env);
    if (measure.code !== 0) throw new Error(`tracker preview failed (exit ${measure.code}): ${measure.stderr.trim()}`);
    return measure.wallSeconds;
  };
  for (let round = 0; round < rounds; round += 1) {
    const copyDir = join(workDir, `preview-pg-${round}`);
    mkdirSync(copyDir, { recursive: true });
    // JSONL between the cold and the warm run one round, before them the next: load drift is shared out.
    const jsonlFirst = round % 2 === 0;
    const jsonlBefore = jsonlFirst ? await previewS(filesDir, null, ['--full-scan']) : Number.NaN;
    const coldS = await previewS(copyDir, url);
    const jsonlBetween = jsonlFirst ? Number.NaN : await previewS(filesDir, null, ['--full-scan']);
    const warmS = await previewS(copyDir, url, ['--full-scan']);
    const carriedS = await previewS(copyDir, url);
    captureWindow(copyDir, url, round);
    const carriedNewS = await previewS(copyDir, url);
    done.push({ jsonlS: jsonlFirst ? jsonlBefore : jsonlBetween, coldS, warmS, carriedS, carriedNewS });
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
    carriedS: pick((r) => r.carriedS),
    carriedNewS: pick((r) => r.carriedNewS),
    fetchS: pick((r) => r.coldS - r.warmS),
    coldRatio: pick((r) => r.coldS / r.jsonlS),
    warmRatio: pick((r) => r.warmS / r.jsonlS),
  };
}

/** One window of a new agent, before, after and completion, written through PostgreSQL (rows another machine could have written). */
function captureWindow(dataDir: string, url: string, round: number): void {
  const common = ['--data-dir', dataDir, '--provider', 'claude', '--agent', `bench-${round}`];
  const reading = (pct: number) => JSON.stringify({ five_hour: { used_pct: pct } });
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  runTracker(['snapshot', 'before', ...common, '--input', '-', '--at', minutesAgo(60)], url, true, reading(10));
  runTracker(['snapshot', 'after', ...common, '--input', '-', '--at', minutesAgo(1)], url, true, reading(30));
  runTracker(['complete', ...common, '--quality', '0.9', '--outcome', 'success'], url);
}
