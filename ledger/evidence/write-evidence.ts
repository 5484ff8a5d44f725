// Writes an arm's evidence files: whole files through a temp file and a rename, turns appended a line at a time.
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactRow, redactText } from '../../kernel/index.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';
import { redactAndCut } from './cut-text.js';
import { EVIDENCE_CAPS, EVIDENCE_FILES, resolveEvidenceDir } from './evidence-paths.js';
import type { ArmEvidenceSummary, TestsEvidence, TurnRecord } from './evidence-schemas.js';

/** Each writer writes inside its own window's folder only (the id is checked to be one path segment). */
function ensureEvidenceDir(dataDir: string, windowId: string): string {
  const dir = resolveEvidenceDir(dataDir, windowId);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeArmSummary(dataDir: string, summary: ArmEvidenceSummary): void {
  const dir = ensureEvidenceDir(dataDir, summary.window_id);
  writeJsonAtomically(join(dir, EVIDENCE_FILES.summary), redactRow(summary));
}

export function writeTestsEvidence(dataDir: string, windowId: string, tests: TestsEvidence): void {
  const dir = ensureEvidenceDir(dataDir, windowId);
  writeJsonAtomically(join(dir, EVIDENCE_FILES.tests), redactRow(tests));
}

/** diff.patch: redacted, then cut at EVIDENCE_CAPS.diff with a marker line. Returns whether it was cut. */
export function writeDiffPatch(dataDir: string, windowId: string, diff: string): boolean {
  return writeTextAtomically(ensureEvidenceDir(dataDir, windowId), EVIDENCE_FILES.diff, diff, EVIDENCE_CAPS.diff);
}

/** tests.log: redacted, then cut at EVIDENCE_CAPS.testLog with a marker line. Returns whether it was cut. */
export function writeTestLog(dataDir: string, windowId: string, log: string): boolean {
  return writeTextAtomically(ensureEvidenceDir(dataDir, windowId), EVIDENCE_FILES.testLog, log, EVIDENCE_CAPS.testLog);
}

/**
 * One line of turns.jsonl, in one write. The record's texts were redacted before they were cut (the proxy's builder);
 * the line is redacted once more as a whole, which keeps JSON valid (redactText never removes a quote or a backslash).
 */
export function appendTurnRecord(dataDir: string, windowId: string, record: TurnRecord): void {
  const dir = ensureEvidenceDir(dataDir, windowId);
  appendFileSync(join(dir, EVIDENCE_FILES.turns), `${redactText(JSON.stringify(record))}\n`);
}

function writeTextAtomically(dir: string, name: string, text: string, cap: number): boolean {
  const cut = redactAndCut(text, cap);
  const tmp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, cut.text, { flag: 'wx' });
    renameSync(tmp, join(dir, name));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return cut.truncated;
}
