// Reads an arm's evidence files back for a viewer: a missing file is null, a bad one is null plus a problem; never throws.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { EVIDENCE_FILES, isEvidenceWindowId, resolveEvidenceDir, resolveEvidenceRoot } from './evidence-paths.js';
import { type ArmEvidence, ArmEvidenceSummarySchema, TestsEvidenceSchema, type TurnRecord, TurnRecordSchema } from './evidence-schemas.js';

export function readArmEvidence(dataDir: string, windowId: string): ArmEvidence {
  const problems: string[] = [];
  const empty: ArmEvidence = { summary: null, turns: null, diff: null, tests: null, testLog: null, problems };
  if (!isEvidenceWindowId(windowId)) {
    problems.push(`${JSON.stringify(windowId)} is not a window id (letters, digits, ".", "_", ":", "+" or "-")`);
    return empty;
  }
  const dir = resolveEvidenceDir(dataDir, windowId);
  const read = (name: string): string | null => readText(join(dir, name), name, problems);
  const summaryText = read(EVIDENCE_FILES.summary);
  const testsText = read(EVIDENCE_FILES.tests);
  const turnsText = read(EVIDENCE_FILES.turns);
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
    return readdirSync(resolveEvidenceRoot(dataDir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isEvidenceWindowId(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function readText(path: string, name: string, problems: string[]): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${name}: cannot read it (${code ?? (error as Error).message})`);
    return null;
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
