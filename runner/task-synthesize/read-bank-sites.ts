// The mutation sites an out folder's synthesized tasks already use, so a second synthesis never makes a task at one of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskMetaSchema } from '../task-bank/task-schema.js';
import type { TakenSite } from './pick-candidates.js';

/**
 * The sites of the bank's tasks synthesized from `commit` (byte ranges are only comparable within one version of a
 * file). A folder whose task.json does not parse is skipped: it is not this tool's to judge here (`tasks verify` is).
 */
export function readBankSites(out: string, commit: string): TakenSite[] {
  if (!existsSync(out)) return [];
  const sites: TakenSite[] = [];
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    const file = join(out, entry.name, 'task.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    let parsed: ReturnType<typeof TaskMetaSchema.safeParse>;
    try {
      parsed = TaskMetaSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      continue;
    }
    const source = parsed.success ? parsed.data.source : undefined;
    const mutation = source?.mutation;
    if (source?.commit !== commit || mutation === undefined) continue;
    sites.push({
      path: mutation.path,
      start: mutation.start,
      end: mutation.end,
      site: `${mutation.path}:${mutation.line}:${mutation.column}`,
    });
  }
  return sites;
}

/** Each task's spec in the bank, to its folder's name: a synthesis never writes a second task with the same spec. */
export function readBankSpecs(out: string): Map<string, string> {
  const specs = new Map<string, string>();
  if (!existsSync(out)) return specs;
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    const file = join(out, entry.name, 'spec.md');
    if (entry.isDirectory() && existsSync(file)) specs.set(readFileSync(file, 'utf8'), entry.name);
  }
  return specs;
}
