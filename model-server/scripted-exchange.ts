// One request at the scripted server: its number and id, and how an answer is played to it and recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { playResponse, type PlayOutcome } from './play-response.js';
import type { ResponsePlan } from './plan-response.js';
import { routeRequest } from './route-request.js';
import { formatSentRecord, type ScriptedRoute, type SentRecord } from './sent-record.js';

type RecordBase = Omit<
  SentRecord,
  'status' | 'usage' | 'wire_usage' | 'outcome' | 'duration_ms' | 'content_deltas_sent' | 'output_tokens_sent'
>;

export interface ScriptedExchange {
  req: IncomingMessage;
  res: ServerResponse;
  seq: number;
  requestId: string;
  method: string;
  path: string;
  route: ScriptedRoute;
  /** Plays the answer to the client and records it (state.sent, the log) once it has ended or broken off. */
  play: (plan: ResponsePlan, details?: Partial<SentRecord>) => void;
}

export interface ExchangeSink {
  sent: SentRecord[];
  signal: AbortSignal;
  log?: ((line: string) => void) | undefined;
}

/** The request numbered `seq` (1-based arrival order). */
export function openScriptedExchange(sink: ExchangeSink, seq: number, req: IncomingMessage, res: ServerResponse): ScriptedExchange {
  const arrivedAt = performance.now();
  const requestId = `req_scripted_${String(seq).padStart(6, '0')}`;
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  const route = routeRequest(method, path);
  const base: RecordBase = {
    seq,
    request_id: requestId,
    method,
    path,
    route,
    request_headers: req.headers,
    model: null,
    stream: false,
    step_index: null,
    step_type: null,
    tool_rounds: null,
  };
  const play = (plan: ResponsePlan, details: Partial<SentRecord> = {}): void => {
    const record = (outcome: PlayOutcome, framesSent: number): void => {
      const entry: SentRecord = {
        ...base,
        ...details,
        status: plan.status,
        usage: plan.usage,
        wire_usage: plan.wireUsage,
        outcome,
        duration_ms: Math.round(performance.now() - arrivedAt),
        ...countOutputSent(plan, framesSent),
      };
      sink.sent.push(entry);
      sink.log?.(formatSentRecord(entry));
    };
    playResponse(res, plan, sink.signal, record).catch((error: unknown) => {
      sink.log?.(`#${seq} ${method} ${path} failed: ${(error as Error).message}`);
      res.destroy();
    });
  };
  return { req, res, seq, requestId, method, path, route, play };
}

/** A body larger than this is refused with 413 (a real coding-agent request is well under a megabyte or two). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The whole body as text; null when it is too large. Rejects when the client goes away mid-body. */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

const CONTENT_DELTAS = new Set(['content_block_delta', 'response.output_text.delta', 'response.function_call_arguments.delta']);

/**
 * How much of the answer left before the stream ended: a stream cut after k of its n content deltas
 * produced k/n of its output tokens (the deltas split the text evenly). What a budget test compares with.
 */
function countOutputSent(plan: ResponsePlan, framesSent: number): Pick<SentRecord, 'content_deltas_sent' | 'output_tokens_sent'> {
  if (plan.body.kind !== 'sse' || !plan.usage) return { content_deltas_sent: 0, output_tokens_sent: plan.usage?.output_tokens ?? 0 };
  const isDelta = (frame: (typeof plan.body.frames)[number]): boolean => 'event' in frame && CONTENT_DELTAS.has(frame.event);
  const total = plan.body.frames.filter(isDelta).length;
  const sent = plan.body.frames.slice(0, framesSent).filter(isDelta).length;
  const output = total === 0 || sent === total ? plan.usage.output_tokens : Math.round((plan.usage.output_tokens * sent) / total);
  return { content_deltas_sent: sent, output_tokens_sent: output };
}
