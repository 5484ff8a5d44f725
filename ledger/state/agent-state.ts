// Per-agent convenience state under state/<agent_id>/: the window each provider is in. The ledger stays the truth.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { resolveAgentStateDir, ensureDir } from '../store/data-dir.js';
import { readStateJson } from '../store/read-bounded-file.js';

export const AgentStateSchema = z.object({
  agent_id: z.string(),
  updated_at: z.string(),
  providers: z.record(
    z.string(),
    z.object({ window_id: z.string(), last_phase: z.enum(['before', 'after', 'undo', 'complete']), at: z.string() }),
  ),
});
export type AgentState = z.infer<typeof AgentStateSchema>;

const STATE_FILE = 'windows.json';

export function readAgentState(dataDir: string, agentId: string): AgentState {
  const path = join(resolveAgentStateDir(dataDir, agentId), STATE_FILE);
  const empty: AgentState = { agent_id: agentId, updated_at: new Date(0).toISOString(), providers: {} };
  // The state is a convenience copy of what the ledger says; a missing or damaged one is rebuilt on the next write.
  const parsed = AgentStateSchema.safeParse(readStateJson(path));
  return parsed.success ? parsed.data : empty;
}

/** Records where a provider's window stands for this agent; written to a temp file and renamed, so never torn. */
export function noteAgentWindow(dataDir: string, agentId: string, provider: string, entry: AgentState['providers'][string]): void {
  const dir = ensureDir(resolveAgentStateDir(dataDir, agentId));
  const state = readAgentState(dataDir, agentId);
  state.providers[provider] = entry;
  state.updated_at = entry.at;
  const tmp = join(dir, `.${STATE_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, join(dir, STATE_FILE));
}
