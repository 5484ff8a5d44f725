// Reads an agent's own event stream (Claude Code stream-json, Codex exec --json, Gemini CLI stream-json) into usage deltas.
import type { UsageDelta } from './budget-contract.js';
import { isObject, type JsonObject } from './claude-event-usage.js';

/** One agent CLI's stream reader (ClaudeEventUsage, CodexEventUsage, GeminiEventUsage): the usage one event adds. */
export interface AgentStreamReader {
  /** The agent whose stream this reads (its provider id). */
  readonly agent: string;
  read(event: JsonObject): (Omit<AgentUsage, 'agent' | 'model'> & { model?: string | null }) | null;
}

/** Makes a fresh reader for one process output: each agent CLI's registry entry holds one (runner/drivers/agent-clis.ts). */
export type CreateStreamReader = () => AgentStreamReader;

export interface AgentUsage {
  agent: string;
  /** Claude's session_id, Codex's thread_id or Gemini's session_id, when the stream gave one. */
  session: string | null;
  /** For the cost metric: the message's model (Claude) or the session's (Gemini), else the reader's defaultModel. */
  model: string | null;
  /** New tokens since the previous delta of this reader, in the Anthropic convention. */
  delta: UsageDelta;
  from: 'message' | 'result' | 'turn';
}

export interface AgentUsageReader {
  /** One line of output: a delta with something new in it, else null. Never throws. */
  read(line: string): AgentUsage | null;
  /** The same for a line already parsed. */
  readValue(value: unknown): AgentUsage | null;
}

/**
 * One reader per agent process output (or per resumed session, to carry its running totals on), trying the stream
 * readers of every registered agent CLI in turn. Summing the deltas counts every token once: repeats, placeholders
 * and totals add only what is new.
 */
export function createAgentUsageReader(options: {
  streams: readonly CreateStreamReader[];
  defaultModel?: string | null;
}): AgentUsageReader {
  const readers = options.streams.map((create) => create());
  const readValue = (value: unknown): AgentUsage | null => {
    if (!isObject(value) || typeof value.type !== 'string') return null;
    for (const reader of readers) {
      const found = reader.read(value);
      if (found) return { agent: reader.agent, ...found, model: ('model' in found ? found.model : null) ?? options.defaultModel ?? null };
    }
    return null;
  };
  return {
    readValue(value) {
      try {
        return readValue(value);
      } catch {
        return null;
      }
    },
    read(line) {
      const text = typeof line === 'string' ? line.trim() : '';
      if (!text.startsWith('{')) return null;
      try {
        return readValue(JSON.parse(text));
      } catch {
        return null;
      }
    },
  };
}
