// The plan each quota endpoint last named for its login (state/quota-plans.json): where the CLI keeps none on disk (Gemini's tier).
import { join } from 'node:path';
import { readStateJson } from '../store/read-bounded-file.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';

const STATE_FILE = join('state', 'quota-plans.json');

/** What one endpoint said of the plan: its own id for it, when it was read and with which login file. */
export interface QuotaPlanNote {
  plan: string;
  read_at: string;
  from: string;
}

/**
 * Each endpoint's last note, by quota kind. Checked by hand (no zod: the status line reads it); a missing or damaged
 * file is no note, never an error: the next read writes it anew.
 */
export function readQuotaPlans(dataDir: string): Record<string, QuotaPlanNote> {
  const value = readStateJson(join(dataDir, STATE_FILE));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const notes: Record<string, QuotaPlanNote> = {};
  for (const [kind, note] of Object.entries(value as Record<string, Partial<QuotaPlanNote> | null>))
    if (typeof note?.plan === 'string' && typeof note.read_at === 'string' && typeof note.from === 'string')
      notes[kind] = { plan: note.plan, read_at: note.read_at, from: note.from };
  return notes;
}

/** Keeps what an endpoint named now over what it named before (written whole through a rename, so never torn). */
export function noteQuotaPlan(dataDir: string, kind: string, note: QuotaPlanNote): void {
  writeJsonAtomically(join(dataDir, STATE_FILE), { ...readQuotaPlans(dataDir), [kind]: note });
}
