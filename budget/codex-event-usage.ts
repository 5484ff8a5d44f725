// Usage from Codex's `exec --json` lines: turn.completed carries the thread's running total, in OpenAI's convention.
import type { UsageDelta } from './budget-contract.js';
import { isObject, readCount, type JsonObject } from './claude-event-usage.js';
import { CumulativeUsage } from './cumulative-usage.js';
import { isZeroUsage } from './measure-usage.js';

export interface CodexUsage {
  session: string | null;
  delta: UsageDelta;
  from: 'turn';
}

/**
 * `thread.started` names the thread; each `turn.completed` has `usage` {input_tokens (cached reads and cache
 * writes included), cached_input_tokens, cache_write_input_tokens (0.169+), output_tokens (reasoning
 * included), reasoning_output_tokens}. The figures are the thread's totals so far, not the turn's (Codex fills
 * them from its total token usage: openai/codex#17539), so each turn returns what the total grew by.
 */
export class CodexEventUsage {
  /** The agent whose stream this reads (its provider id). */
  readonly agent = 'codex' as const;
  private readonly threads = new CumulativeUsage();
  private thread: string | null = null;

  read(event: JsonObject): CodexUsage | null {
    if (event.type === 'thread.started') {
      this.thread = typeof event.thread_id === 'string' && event.thread_id !== '' ? event.thread_id : null;
      return null;
    }
    if (event.type !== 'turn.completed') return null;
    const total = readCodexUsage(event.usage);
    if (!total) return null;
    const delta = this.threads.observe(this.thread ?? '', total);
    return isZeroUsage(delta) ? null : { session: this.thread, delta, from: 'turn' };
  }
}

/** Codex usage in the Anthropic convention: input without the cached reads and the cache writes. */
export function readCodexUsage(value: unknown): UsageDelta | null {
  if (!isObject(value)) return null;
  const input = readCount(value.input_tokens);
  const output = readCount(value.output_tokens);
  if (input === null && output === null) return null;
  const cacheRead = readCount(value.cached_input_tokens) ?? 0;
  const cacheCreation = readCount(value.cache_write_input_tokens) ?? 0;
  return {
    input: Math.max(0, (input ?? 0) - cacheRead - cacheCreation),
    output: output ?? 0,
    cache_read: cacheRead,
    cache_creation: cacheCreation,
  };
}
