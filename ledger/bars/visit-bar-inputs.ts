// Hands each current bar row to a visitor as it is read, holding none: a reader that folds them needs no BarInputs.
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { scanLedger } from '../store/scan-ledger.js';
import { isWindowOrProbe } from '../vocabulary/probe-window-id.js';
import { type BarObservation, type BarTelemetry, parseBarRow, readGivenBackWindow } from './read-bar-inputs.js';

export interface BarInputsVisitor {
  snapshot(row: BarObservation): void;
  reading(row: BarObservation): void;
  telemetry(row: BarTelemetry): void;
  /** Called before the rows are handed over again (a writer retracted one between the two passes). */
  restart(): void;
}

/** Lines that can take another row out: only these are parsed in the first pass. */
const FOLD_NEEDLES = ['"kind":"retraction"', '"supersedes"'];

/**
 * The rows readBarInputs returns, in file order (snapshots.jsonl, then the proxy rows with rate limits). The
 * retractions and corrections are read first, from the few lines that hold one (a byte search skips the rest), so
 * each row is judged as it is read; one appended between the passes makes the visitor restart and both files be read
 * again (twice at most: a third still racing is as current as a reader can be). The rows of an attempt whose account
 * gave its charges back (BarInputs' `given_back`) are left out, as readBarInputs leaves them.
 */
export function visitBarInputs(dataDir: string, visitor: BarInputsVisitor): void {
  for (let attempt = 1; ; attempt += 1) {
    const givenBack = new Set<string>();
    const captures = visitFile(dataDir, LEDGER_FILES.snapshots, 'bars', visitor, givenBack);
    const proxy = visitFile(dataDir, LEDGER_FILES.proxyTelemetry, 'rate_limits', visitor, givenBack);
    if (!(captures || proxy) || attempt === 3) return;
    visitor.restart();
  }
}

/** True when a retraction or correction the first pass did not see came in the second. */
function visitFile(
  dataDir: string,
  file: LedgerFile,
  field: 'bars' | 'rate_limits',
  visitor: BarInputsVisitor,
  givenBack: Set<string>,
): boolean {
  const needle = `"${field}":{`;
  const path = locateLedgerFile(dataDir, file);
  const folds: FoldableRow[] = [];
  // As readBarInputs folds: a retraction, or a correction that itself carries the bars (it reads no other line).
  const folding = (row: Record<string, unknown>): boolean => row.kind === 'retraction' || isObject(row[field]);
  scanLedger(dataDir, file, (row) => void (folding(row) && folds.push(row as unknown as FoldableRow)), {
    needles: FOLD_NEEDLES,
    match: 'any',
    path,
  });
  const dead = collectDeadIds(folds);
  for (const row of folds) {
    const window = readGivenBackWindow(row as unknown as Record<string, unknown>);
    if (window !== null) givenBack.add(window);
  }
  let raced = false;
  scanLedger(
    dataDir,
    file,
    (row) => {
      const foldable = row as unknown as FoldableRow;
      if (folding(row)) for (const id of collectDeadIds([foldable])) if (!dead.has(id)) raced = true;
      if (foldable.kind === 'retraction' || dead.has(foldable.id)) return;
      if (givenBack.size > 0 && typeof row.window_id === 'string' && isWindowOrProbe(givenBack, row.window_id)) return;
      const value = parseBarRow(row);
      if (value?.kind === 'telemetry') visitor.telemetry(value.telemetry);
      else if (value?.kind === 'snapshot') visitor.snapshot(value.observation);
      else if (value) visitor.reading(value.observation);
    },
    { needles: [needle, ...FOLD_NEEDLES], match: 'any', path },
  );
  return raced;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
