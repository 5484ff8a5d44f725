// Writes an arm's evidence files: whole files through a temp file and a rename, turns appended a line at a time.
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { redactRow, redactText } from '../../kernel/index.js';
import { writeJsonAtomically, writeTextAtomically } from '../store/write-json-atomically.js';
import { redactAndCut } from './cut-text.js';
import { EVIDENCE_CAPS, EVIDENCE_FILES, resolveEvidenceDir } from './evidence-paths.js';
import type { ArmEvidenceSummary, TestsEvidence, TurnRecord } from './evidence-schemas.js';
import { assertEvidenceDirWritable } from './guard-evidence-links.js';

/**
 * turns.jsonl is appended to, never replaced: opened with O_NOFOLLOW, so a link planted at its name (to a shell's
 * rc file, say) is refused instead of filled with turns. Whole files go through a new temp file and a rename, which
 * replaces a link rather than writing through it.
 */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Each writer writes inside its own window's folder only (the id is checked to be one path segment), never a linked one. */
function ensureEvidenceDir(dataDir: string, windowId: string): string {
  const dir = resolveEvidenceDir(dataDir, windowId);
  mkdirSync(dir, { recursive: true });
  assertEvidenceDirWritable(dataDir, windowId);
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
  return writeCutText(ensureEvidenceDir(dataDir, windowId), EVIDENCE_FILES.diff, diff, EVIDENCE_CAPS.diff);
}

/** tests.log: redacted, then cut at EVIDENCE_CAPS.testLog with a marker line. Returns whether it was cut. */
export function writeTestLog(dataDir: string, windowId: string, log: string): boolean {
  return writeCutText(ensureEvidenceDir(dataDir, windowId), EVIDENCE_FILES.testLog, log, EVIDENCE_CAPS.testLog);
}

/**
 * One line of turns.jsonl, in one write. The record's texts were redacted before they were cut (the proxy's builder);
 * the line is redacted once more as a whole, which keeps JSON valid (redactText never removes a quote or a backslash).
 */
export function appendTurnRecord(dataDir: string, windowId: string, record: TurnRecord): void {
  const fd = openSync(join(ensureEvidenceDir(dataDir, windowId), EVIDENCE_FILES.turns), APPEND_FLAGS, 0o666);
  try {
    writeSync(fd, `${redactText(JSON.stringify(record))}\n`);
  } finally {
    closeSync(fd);
  }
}

/**
 * appendTurnRecord without blocking: for the proxy, whose event loop serves other requests meanwhile (a synchronous
 * write on a busy disk held them up by milliseconds). Callers keep the order by awaiting one append before the next.
 * A turns.jsonl already `maxBytes` long gets no more turns (false): an agent looping for hours must not fill the disk,
 * and a reader reads no further (EVIDENCE_READ_CAPS.turns). Its size is read from the file, so a restart keeps the cap.
 */
export async function appendTurnRecordAsync(
  dataDir: string,
  windowId: string,
  record: TurnRecord,
  maxBytes: number = Number.POSITIVE_INFINITY,
): Promise<boolean> {
  const dir = resolveEvidenceDir(dataDir, windowId);
  const path = join(dir, EVIDENCE_FILES.turns);
  if (Number.isFinite(maxBytes)) {
    const size = await lstat(path).then(
      (found) => found.size,
      () => 0,
    );
    if (size >= maxBytes) return false;
  }
  await mkdir(dir, { recursive: true });
  assertEvidenceDirWritable(dataDir, windowId);
  const file = await open(path, APPEND_FLAGS, 0o666);
  try {
    await file.write(`${redactText(JSON.stringify(record))}\n`);
  } finally {
    await file.close();
  }
  return true;
}

function writeCutText(dir: string, name: string, text: string, cap: number): boolean {
  const cut = redactAndCut(text, cap);
  writeTextAtomically(join(dir, name), cut.text);
  return cut.truncated;
}
