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

export type PreviewBench = { skipped: string } | { ledger: GeneratedLedger; generateSeconds: number; runs: PreviewRun[] };

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

export async function benchPreview(workDir: string, snapshotRows: number): Promise<PreviewBench> {
  if (!existsSync(trackerPath)) return { skipped: `tracker CLI not built yet (${trackerPath} is missing): preview skipped` };
  const dataDir = join(workDir, 'preview-ledger');
  const started = performance.now();
  const ledger = generateLedger(dataDir, snapshotRows);
  const generateSeconds = (performance.now() - started) / 1000;

  const runs: PreviewRun[] = [];
  for (const [label, extra] of [
    ['preview --json', ['--json']],
    ['preview (text)', []],
  ] as const) {
    const measure = await measureNode(trackerPath, ['preview', '--data-dir', dataDir, ...extra], workDir);
    runs.push({ label, measure, output: describeOutput(measure, extra.length > 0) });
  }
  return { ledger, generateSeconds, runs };
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
