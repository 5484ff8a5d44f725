// Reads `tracker model-server`'s per-request log lines: what each answer had sent when it ended (sent_out=N (K deltas) for a cut one).
import { existsSync, readFileSync } from 'node:fs';
import { resolveScript } from '../model-server/index.js';

export interface UpstreamRecord {
  seq: number;
  outcome: string;
  /** Output tokens and content deltas the server wrote before the answer ended (all of them for a complete one). */
  output_tokens_sent: number;
  content_deltas_sent: number;
  duration_ms: number;
}

export interface ScriptShape {
  events: number;
  chunkDelayMs: number;
  outputTokens: number;
}

/** The first step of a script (a built-in name or a file), as the overshoot part reads it. */
export function readScriptShape(nameOrPath: string): ScriptShape {
  const step = resolveScript(nameOrPath).steps[0] as
    | { events?: number; chunk_delay_ms?: number; usage?: { output_tokens?: number } }
    | undefined;
  return { events: step?.events ?? 1, chunkDelayMs: step?.chunk_delay_ms ?? 0, outputTokens: step?.usage?.output_tokens ?? 0 };
}

/**
 * `#3 POST /v1/messages?beta=true model=m stream step=0:text 200 client_closed in=1200 out=2000 ... sent_out=260 (26 deltas) 432ms`,
 * by seq; a complete answer's line has no sent_out (it sent `out`, in all of its `events` deltas).
 */
export function readUpstreamLog(file: string, events: number): Map<number, UpstreamRecord> {
  const records = new Map<number, UpstreamRecord>();
  if (!existsSync(file)) return records;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const seq = /^#(\d+) /.exec(line)?.[1];
    const outcome = / \d{3} (complete|disconnected|client_closed|server_closed)( |$)/.exec(line)?.[1];
    if (seq === undefined || outcome === undefined) continue;
    const planned = Number(/ out=(\d+)/.exec(line)?.[1] ?? Number.NaN);
    const sent = / sent_out=(\d+) \((\d+) deltas\)/.exec(line);
    records.set(Number(seq), {
      seq: Number(seq),
      outcome,
      output_tokens_sent: sent ? Number(sent[1]) : outcome === 'complete' ? planned : Number.NaN,
      content_deltas_sent: sent ? Number(sent[2]) : outcome === 'complete' ? events : Number.NaN,
      duration_ms: Number(/ (\d+)ms$/.exec(line)?.[1] ?? Number.NaN),
    });
  }
  return records;
}

/** The scripted server's request-id is `req_scripted_000042` for its 42nd request. */
export function readRequestSeq(requestId: string | null): number | null {
  const digits = requestId === null ? undefined : /(\d+)$/.exec(requestId)?.[1];
  return digits === undefined ? null : Number(digits);
}
