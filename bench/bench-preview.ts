// Times the real `tracker preview` CLI (JSON and text) over a generated ledger of snapshot rows.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLedger, type GeneratedLedger } from './generate-ledger.js';
import { measureNode, type ChildMeasure } from './measure-child.js';

export interface PreviewRun {
  label: string;
  measure: ChildMeasure;
  /** A note on the output, e.g. whether --json printed valid JSON. */
  output: string;
}

export type PreviewBench =
  | { skipped: string }
  | { ledger: GeneratedLedger; generateSeconds: number; runs: PreviewRun[]; added: number; sameAsFullScan: boolean };

/** Snapshot rows appended after the first previews: a few days of captures on a busy ledger. */
const NEW_ROWS = 2_000;

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

export async function benchPreview(workDir: string, snapshotRows: number): Promise<PreviewBench> {
  if (!existsSync(trackerPath)) return { skipped: `tracker CLI not built yet (${trackerPath} is missing): preview skipped` };
  const dataDir = join(workDir, 'preview-ledger');
  const started = performance.now();
  const ledger = generateLedger(dataDir, snapshotRows);
  const generateSeconds = (performance.now() - started) / 1000;

  const runs: PreviewRun[] = [];
  const preview = async (label: string, extra: string[]): Promise<ChildMeasure> => {
    const measure = await measureNode(trackerPath, ['preview', '--data-dir', dataDir, ...extra], workDir);
    runs.push({ label, measure, output: describeOutput(measure, extra.includes('--json')) });
    return measure;
  };
  // The first preview reads every row and stores its checkpoint (ADR 0019); later ones read only the rows since.
  await preview('preview --json, first (full scan)', ['--json']);
  await preview('preview --json, nothing new (checkpoint)', ['--json']);
  const added = generateLedger(dataDir, NEW_ROWS, 7, { append: true, startYear: 2030 });
  const carried = await preview(`preview --json, ${NEW_ROWS.toLocaleString('en-US')} rows later (checkpoint)`, ['--json']);
  await preview('preview (text), checkpoint', []);
  const full = await preview('preview --json --full-scan', ['--json', '--full-scan']);
  const same = carried.code === 0 && carried.stdout === full.stdout;
  return { ledger, generateSeconds, runs, added: added.snapshotRows, sameAsFullScan: same };
}

function describeOutput(measure: ChildMeasure, json: boolean): string {
  if (measure.code !== 0) return `FAILED (exit ${measure.code}): ${measure.stderr.trim().split('\n')[0] ?? ''}`;
  const size = `${Buffer.byteLength(measure.stdout, 'utf8')} bytes of output`;
  if (!json) return size;
  try {
    JSON.parse(measure.stdout);
    return `${size}, valid JSON`;
  } catch {
    return `${size}, NOT valid JSON`;
  }
}
