// Which requests the proxy carried, by provider and day, so a transcript's copy of one is counted once: pure.
import { nameBackendProvider } from '../name-backend-provider.js';
import { findBaseProvider } from './account-keys.js';
import type { UsageInputs, UsageReading } from './usage-inputs.js';

/**
 * `provider\0day` -> the upstream request ids of the proxy's rows that day, or null where some row of the day names
 * none (a folded reader, a back end that sends no `request-id`): then nothing can tell its requests from a
 * transcript's, and the day keeps the rule of one source per day.
 */
export type ProxyRequests = ReadonlyMap<string, ReadonlySet<string> | null>;

export function indexProxyRequests(input: UsageInputs, dayOf: (iso: string) => string | null): ProxyRequests {
  const seen = new Map<string, Set<string> | null>();
  // Folded rows kept no request ids: each of their days is one the proxy saw without them.
  for (const use of input.folded?.proxyUses ?? []) seen.set(`${findBaseProvider(use.provider)}\u0000${use.day}`, null);
  for (const row of input.telemetry) {
    if (row.prompt_tokens === null && row.completion_tokens === null) continue;
    const day = dayOf(row.timestamp);
    if (day === null) continue;
    const key = `${nameBackendProvider(row.backend_provider)}\u0000${day}`;
    const ids = seen.get(key);
    if (ids === null) continue;
    if (!row.trace_id) seen.set(key, null);
    else if (ids === undefined) seen.set(key, new Set([row.trace_id]));
    else ids.add(row.trace_id);
  }
  return seen;
}

/** Where the transcripts say each request ran (`cwd`): the proxy's row of the same request takes its project. */
export function mapRequestProjects(readings: readonly UsageReading[]): ReadonlyMap<string, string> {
  const projects = new Map<string, string>();
  for (const reading of readings)
    if (reading.format === 'claude-transcript' && reading.request_id && reading.project) projects.set(reading.request_id, reading.project);
  return projects;
}
