// Reads an agent's own event stream (Claude Code stream-json, Codex exec --json, Gemini CLI stream-json) into usage deltas.
import type { UsageDelta } from './budget-contract.js';
import { ClaudeEventUsage, isObject } from './claude-event-usage.js';
import { CodexEventUsage } from './codex-event-usage.js';
import { GeminiEventUsage } from './gemini-event-usage.js';

export interface AgentUsage {
  agent: 'claude' | 'codex' | 'gemini';
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
 * One reader per agent process output (or per resumed session, to carry its running totals on).
 * Summing the deltas counts every token once: repeats, placeholders and totals add only what is new.
 */
export function createAgentUsageReader(options: { defaultModel?: string | null } = {}): AgentUsageReader {
  const claude = new ClaudeEventUsage();
  const codex = new CodexEventUsage();
  const gemini = new GeminiEventUsage();
  const readValue = (value: unknown): AgentUsage | null => {
    if (!isObject(value) || typeof value.type !== 'string') return null;
    const fromClaude = claude.read(value);
    if (fromClaude) return { agent: 'claude', ...fromClaude, model: fromClaude.model ?? options.defaultModel ?? null };
    const fromCodex = codex.read(value);
    if (fromCodex) return { agent: 'codex', ...fromCodex, model: options.defaultModel ?? null };
    const fromGemini = gemini.read(value);
    return fromGemini ? { agent: 'gemini', ...fromGemini, model: fromGemini.model ?? options.defaultModel ?? null } : null;
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
