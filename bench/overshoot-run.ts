// One overshoot run as the client sees it: a streaming request under its own agent budget, and the output that reached the client.
import type { Pool } from 'undici';
import { parseSseText } from '../model-server/index.js';
import type { BenchRequest } from './proxy-bodies.js';

/** The proxy's estimate and the scripted server's split: 4 characters a token. */
export const CHARS_PER_TOKEN = 4;

export interface ClientRun {
  run: number;
  limit: number;
  status: number;
  /** The upstream's request-id as the proxy passed it on (the telemetry row's trace_id). */
  requestId: string | null;
  /** stop_reason of the last message_delta: `max_tokens` for the proxy's cut, `end_turn` for a whole answer. */
  stopReason: string | null;
  endedWithStop: boolean;
  /** content_block_delta events received before the end, and the tokens their text makes (characters / 4). */
  deltas: number;
  tokens: number;
  /** output_tokens the closing message_delta claims. */
  claimedTokens: number | null;
  ms: number;
  error: string | null;
}

/** Sends run `run` as agent `runK` (its budget's key), under the proxy's base path `base` ('' for none). */
export async function sendOvershootRun(pool: Pool, request: BenchRequest, run: number, limit: number, base = ''): Promise<ClientRun> {
  const started = performance.now();
  const result: ClientRun = {
    run,
    limit,
    status: 0,
    requestId: null,
    stopReason: null,
    endedWithStop: false,
    deltas: 0,
    tokens: 0,
    claimedTokens: null,
    ms: 0,
    error: null,
  };
  try {
    const response = await pool.request({
      path: `${base}/v1/messages?beta=true`,
      method: 'POST',
      headers: { ...request.headers, 'x-tracker-agent': `run${run}` },
      body: request.body,
    });
    result.status = response.statusCode;
    const id = response.headers['request-id'];
    result.requestId = typeof id === 'string' ? id : null;
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      result.error = `HTTP ${response.statusCode}: ${text.slice(0, 200)}`;
    } else {
      countReceived(text, result);
    }
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  result.ms = performance.now() - started;
  return result;
}

function countReceived(text: string, into: ClientRun): void {
  let chars = 0;
  for (const event of parseSseText(text)) {
    const json = event.json ?? {};
    if (event.event === 'content_block_delta') {
      const delta = json.delta as { text?: unknown } | undefined;
      into.deltas += 1;
      chars += typeof delta?.text === 'string' ? delta.text.length : 0;
    } else if (event.event === 'message_delta') {
      const delta = json.delta as { stop_reason?: unknown } | undefined;
      const usage = json.usage as { output_tokens?: unknown } | undefined;
      into.stopReason = typeof delta?.stop_reason === 'string' ? delta.stop_reason : null;
      into.claimedTokens = typeof usage?.output_tokens === 'number' ? usage.output_tokens : null;
    } else if (event.event === 'message_stop') {
      into.endedWithStop = true;
    } else if (event.event === 'error') {
      into.error = `error event: ${event.data.slice(0, 200)}`;
    }
  }
  into.tokens = Math.ceil(chars / CHARS_PER_TOKEN);
}
