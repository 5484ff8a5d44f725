// Where an arm's evidence lives, the names of its files and the caps on what is kept of each.
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { WINDOW_ID_PATTERN } from '../vocabulary/index.js';

export const EVIDENCE_DIR = 'evidence';

export const EVIDENCE_FILES = {
  summary: 'arm.json',
  turns: 'turns.jsonl',
  diff: 'diff.patch',
  tests: 'tests.json',
  testLog: 'tests.log',
} as const;

/** Caps in bytes of UTF-8: a runaway agent (a 50 MB generated file, a looping transcript) must not fill the disk. */
export const EVIDENCE_CAPS = {
  /** Each text block of a request message (a tool result holding a whole file is the usual big one). */
  messageText: 16 * 1024,
  /** What is kept of one response: its text and tool call inputs together. */
  response: 256 * 1024,
  /** A tool call's input (JSON text) in a request or a response. */
  toolInput: 16 * 1024,
  diff: 1024 * 1024,
  testLog: 256 * 1024,
  /** Tests listed in tests.json (a generated suite of 100,000 cases keeps its first ones). */
  tests: 5000,
} as const;

// The same rule as the ledger's window ids (ledger/schemas/ids.ts): one path segment, never `.` or `..`.
export function isEvidenceWindowId(windowId: string): boolean {
  return WINDOW_ID_PATTERN.test(windowId);
}

export function resolveEvidenceRoot(dataDir: string): string {
  return join(dataDir, EVIDENCE_DIR);
}

/** The folder of one window's evidence; a window id that is not one safe path segment is refused. */
export function resolveEvidenceDir(dataDir: string, windowId: string): string {
  if (!isEvidenceWindowId(windowId))
    throw new AppError(
      'BAD_INPUT',
      `expected a window id of letters, digits, ".", "_", ":", "+", ">" or "-", got ${JSON.stringify(windowId)}`,
    );
  return join(resolveEvidenceRoot(dataDir), windowId);
}
