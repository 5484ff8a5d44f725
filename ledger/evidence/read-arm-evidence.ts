// Reads an arm's evidence files back for a viewer: a missing file is null, a bad one is null plus a problem; never throws.
import { closeSync, fstatSync, lstatSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { isAppError } from '../../kernel/index.js';
import { EVIDENCE_FILES, isEvidenceWindowId, resolveEvidenceDir, resolveEvidenceRoot } from './evidence-paths.js';
import { expectEvidencePath, findEvidenceDirProblem, LINK_REFUSED, openEvidenceFile, resolveRealDataDir } from './guard-evidence-links.js';
import { type ArmEvidence, ArmEvidenceSummarySchema, TestsEvidenceSchema, type TurnRecord, TurnRecordSchema } from './evidence-schemas.js';

/**
 * Bytes read of each file at most. The writers cap what they write (EVIDENCE_CAPS), but turns.jsonl grows a line per
 * turn with no end (an agent looping for hours: 100,000 turns is gigabytes), and read whole it would take the
 * viewer's memory or pass V8's longest string (about 512 MB) and show nothing. Its first lines are read, and the
 * cut is said in `problems`.
 */
export const EVIDENCE_READ_CAPS = { turns: 64 * 1024 * 1024, other: 8 * 1024 * 1024 } as const;

export function readArmEvidence(dataDir: string, windowId: string): ArmEvidence {
  const problems: string[] = [];
  const empty: ArmEvidence = { summary: null, turns: null, diff: null, tests: null, testLog: null, problems };
  if (!isEvidenceWindowId(windowId)) {
    problems.push(`${JSON.stringify(windowId)} is not a window id (letters, digits, ".", "_", ":", "+", ">" or "-")`);
    return empty;
  }
  // A linked folder is refused whole: nothing under it is read, whatever it points to.
  const dirProblem = findEvidenceDirProblem(dataDir, windowId);
  if (dirProblem !== null) {
    problems.push(dirProblem);
    return empty;
  }
  const dir = resolveEvidenceDir(dataDir, windowId);
  const realDataDir = resolveRealDataDir(dataDir);
  const read = (name: string, cap: number = EVIDENCE_READ_CAPS.other): string | null =>
    readText({ path: join(dir, name), expected: expectEvidencePath(realDataDir, windowId, name), name, cap }, problems);
  const summaryText = read(EVIDENCE_FILES.summary);
  const testsText = read(EVIDENCE_FILES.tests);
  const turnsText = read(EVIDENCE_FILES.turns, EVIDENCE_READ_CAPS.turns);
  return {
    summary: summaryText === null ? null : parseJson(summaryText, ArmEvidenceSummarySchema, EVIDENCE_FILES.summary, problems),
    turns: turnsText === null ? null : parseTurns(turnsText, problems),
    diff: read(EVIDENCE_FILES.diff),
    tests: testsText === null ? null : parseJson(testsText, TestsEvidenceSchema, EVIDENCE_FILES.tests, problems),
    testLog: read(EVIDENCE_FILES.testLog),
    problems,
  };
}

/** The window ids that have an evidence folder, sorted; an empty list when there is none. */
export function listArmEvidence(dataDir: string): string[] {
  try {
    const root = resolveEvidenceRoot(dataDir);
    // A linked root lists nothing; entries are typed without following, so a linked window folder is not listed.
    if (!lstatSync(root).isDirectory()) return [];
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isEvidenceWindowId(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

interface EvidenceFile {
  path: string;
  /** Where the file must turn out to be once open (openEvidenceFile), or null when that cannot be known. */
  expected: string | null;
  name: string;
  cap: number;
}

/**
 * The file's text, at most `cap` bytes of it (up to its last whole line when cut, so no line is torn here). Opened
 * without following a link and without blocking (openEvidenceFile), and read only if it is a regular file: a FIFO or
 * a device left in the folder cannot hang a reader, and a link is named as refused, never read.
 */
function readText({ path, expected, name, cap }: EvidenceFile, problems: string[]): string | null {
  let fd: number | null = null;
  try {
    fd = openEvidenceFile(path, expected);
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      problems.push(`${name}: not a regular file, not read`);
      return null;
    }
    const buffer = Buffer.alloc(Math.min(stat.size, cap));
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    if (stat.size <= cap) return buffer.subarray(0, filled).toString('utf8');
    const lastLine = buffer.lastIndexOf(0x0a, filled - 1);
    problems.push(`${name}: ${stat.size} bytes, only the first ${cap} read`);
    return buffer.subarray(0, lastLine >= 0 ? lastLine + 1 : filled).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') problems.push(`${name}: ${LINK_REFUSED}`);
    else if (isAppError(error)) problems.push(`${name}: ${error.message}`);
    else if (code !== 'ENOENT') problems.push(`${name}: cannot read it (${code ?? (error as Error).message})`);
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function parseJson<S extends z.ZodType>(text: string, schema: S, name: string, problems: string[]): z.infer<S> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push(`${name}: not JSON (${(error as Error).message})`);
    return null;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  problems.push(`${name}: ${issue?.path.map(String).join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  return null;
}

/**
 * The good lines of turns.jsonl, in order. A bad line (a proxy killed mid-write leaves a torn last one) is named in
 * `problems` and skipped, so one torn line does not hide the rest of the transcript.
 */
function parseTurns(text: string, problems: string[]): TurnRecord[] {
  const turns: TurnRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const turn = parseJson(line, TurnRecordSchema, `${EVIDENCE_FILES.turns} line ${index + 1}`, problems);
    if (turn) turns.push(turn);
  });
  return turns;
}
