// What the scripted server answered to one request, kept in order for tests and benchmarks, and its log line.
import type { IncomingHttpHeaders } from 'node:http';
import { escapeControls } from '../kernel/index.js';
import type { PlayOutcome } from './play-response.js';
import type { ResolvedUsage } from './resolve-usage.js';
import type { Step } from './script-schema.js';

/** The model routes (the ChatGPT back end's too), the side routes, and the three read-only quota endpoints (GET only). */
export type ScriptedRoute =
  | 'messages'
  | 'count_tokens'
  | 'responses'
  | 'chatgpt_responses'
  | 'generate_content'
  | 'models'
  | 'chatgpt_models'
  | 'claude_usage'
  | 'codex_usage'
  | 'glm_quota'
  | 'gemini_quota'
  | 'code_assist_load'
  | 'code_assist'
  | 'code_assist_experiments'
  | 'not_found';

export interface SentRecord {
  /** 1-based arrival order among all requests. */
  seq: number;
  /** The `request-id` (Anthropic) or `x-request-id` (OpenAI) header sent. */
  request_id: string;
  method: string;
  /** The request URL's path and query, e.g. /v1/messages?beta=true. */
  path: string;
  route: ScriptedRoute;
  /** The headers the request arrived with (in memory only: never logged), e.g. to check what a proxy forwarded. */
  request_headers: IncomingHttpHeaders;
  /** The model the request asked for (echoed in the answer), null when it named none. */
  model: string | null;
  stream: boolean;
  /** The step played (0-based), null for requests that play none (count_tokens, models, quota reads, 404, a bad body). */
  step_index: number | null;
  step_type: Step['type'] | null;
  /** Tool-result rounds found in the request's conversation. */
  tool_rounds: number | null;
  status: number;
  /** The usage the answer's terminal event carries (sent only if `outcome` is complete); null for errors. */
  usage: ResolvedUsage | null;
  /** That usage as the API's terminal event carries it (Anthropic message_delta usage, Responses response.completed usage). */
  wire_usage: Record<string, unknown> | null;
  outcome: PlayOutcome;
  /** Content deltas (text, tool arguments) that left before the answer ended. */
  content_deltas_sent: number;
  /** Output tokens those deltas carried: all of them for a whole answer, a share of them for a cut one. */
  output_tokens_sent: number;
  /** Milliseconds from the request's arrival to the end of the answer. */
  duration_ms: number;
}

/** `#3 POST /v1/messages?beta=true model=claude-x stream step=1:tool_use 200 complete in=12 out=5 cache_read=0 cache_creation=0 4ms` */
export function formatSentRecord(record: SentRecord): string {
  const parts = [`#${record.seq}`, record.method, record.path];
  if (record.model !== null) parts.push(`model=${record.model}`);
  if (record.step_index !== null) parts.push(record.stream ? 'stream' : 'json');
  if (record.step_index !== null) parts.push(`step=${record.step_index}:${record.step_type ?? '?'}`);
  parts.push(String(record.status), record.outcome);
  if (record.usage) {
    const usage = record.usage;
    parts.push(
      `in=${usage.input_tokens}`,
      `out=${usage.output_tokens}`,
      `cache_read=${usage.cache_read_input_tokens}`,
      `cache_creation=${usage.cache_creation_input_tokens}`,
    );
  }
  if (record.outcome !== 'complete' && record.usage)
    parts.push(`sent_out=${record.output_tokens_sent} (${record.content_deltas_sent} deltas)`);
  parts.push(`${record.duration_ms}ms`);
  // The path and model are the request's: escaped, so the log line cannot carry terminal escapes to stderr.
  return escapeControls(parts.join(' '));
}
