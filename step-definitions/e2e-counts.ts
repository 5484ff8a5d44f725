// Token counts of one real-client run from each side: the scripted servers, proxy telemetry, the client's own totals, ccusage.
import assert from 'node:assert/strict';
import { add, ccusageTotals, lastRun, num, ZERO, type ClientName, type Counts } from './e2e-clients.js';
import type { Row } from './e2e-shared.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

/** What the scripted servers sent, in Anthropic terms (input excludes the cache), over complete model answers. */
export function serverCounts(world: TrackerWorld): Counts {
  let sum = { ...ZERO };
  for (const server of labOf(world).scripted.values()) {
    for (const record of server.sent) {
      if (record.status !== 200 || record.outcome !== 'complete' || !record.usage) continue;
      const u = record.usage;
      sum = add(sum, {
        input: u.input_tokens,
        output: u.output_tokens,
        cache_read: u.cache_read_input_tokens,
        cache_creation: u.cache_creation_input_tokens,
      });
    }
  }
  return sum;
}

/** The model APIs' paths: Codex signed in with ChatGPT also lists models (/backend-api/codex/models), which is no turn. */
const MODEL_PATHS = new Set(['/v1/messages', '/v1/responses', '/backend-api/codex/responses']);

/** Telemetry rows of a window's model turns, in Anthropic terms (a Responses row's prompt_tokens is the whole prompt). */
export function telemetryCounts(world: TrackerWorld, windowId: string, client: ClientName): { counts: Counts; rows: Row[] } {
  const rows = world
    .readRows('proxy_telemetry.jsonl')
    .filter((row) => row.window_id === windowId && row.status === 200 && MODEL_PATHS.has(String(row.path)));
  let sum = { ...ZERO };
  for (const row of rows) {
    const cacheRead = num(row.cache_read_tokens);
    const cacheWrite = num(row.cache_creation_tokens);
    const input = client === 'codex' ? num(row.prompt_tokens) - cacheRead - cacheWrite : num(row.prompt_tokens);
    sum = add(sum, { input, output: num(row.completion_tokens), cache_read: cacheRead, cache_creation: cacheWrite });
  }
  return { counts: sum, rows };
}

/** The client's own totals: Claude Code's `result.usage`, Codex's `turn.completed.usage` (OpenAI terms, converted). */
export function clientCounts(world: TrackerWorld, client: ClientName): Counts {
  const run = lastRun(world, client);
  if (client === 'claude') {
    const usage = run.events.find((e) => e.type === 'result')?.usage as Row | undefined;
    assert.ok(usage, 'claude printed no result usage');
    return {
      input: num(usage.input_tokens),
      output: num(usage.output_tokens),
      cache_read: num(usage.cache_read_input_tokens),
      cache_creation: num(usage.cache_creation_input_tokens),
    };
  }
  const usage = run.events.filter((e) => e.type === 'turn.completed').at(-1)?.usage as Row | undefined;
  assert.ok(usage, 'codex printed no turn.completed usage');
  const cacheRead = num(usage.cached_input_tokens);
  const cacheWrite = num(usage.cache_write_input_tokens);
  return {
    input: num(usage.input_tokens) - cacheRead - cacheWrite,
    output: num(usage.output_tokens),
    cache_read: cacheRead,
    cache_creation: cacheWrite,
  };
}

/**
 * ccusage's totals, already in Anthropic terms. Claude: every field. Codex: ccusage 20.0.24 reports inputTokens
 * without the cache (read or write), cacheReadTokens from `cached_input_tokens`, and never counts cache writes
 * (`cache_write_input_tokens`): its cacheCreationTokens stays 0, so that one field is not compared.
 */
export async function ccusageCounts(world: TrackerWorld, client: ClientName): Promise<{ counts: Counts; compared: (keyof Counts)[] }> {
  const { counts } = await ccusageTotals(world, client);
  return {
    counts,
    compared: client === 'claude' ? ['input', 'output', 'cache_read', 'cache_creation'] : ['input', 'output', 'cache_read'],
  };
}
