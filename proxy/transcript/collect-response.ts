// Collects one response for the transcript: the body's bytes are only kept as they pass (up to a cap), and read at finish.
import { isEventStream } from '../tap/create-usage-tap.js';
import { createSseReader } from '../tap/sse-reader.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { closeDraft, createResponseDraft, type ResponseDraft } from './response-draft.js';

/** What the proxy's exchange feeds: the response's start, then each chunk of its body (forward-exchange.ts). */
export interface ResponseTee {
  start(status: number, contentType: string | undefined): void;
  push(chunk: Uint8Array): void;
}

export interface ResponseCollector extends ResponseTee {
  /** Reads what was kept (idempotent): the response's text, tool calls and stop reason. */
  finish(): ResponseDraft;
  /** Bytes of the body held until finish (at most 4 x the cap, plus the tail). */
  heldBytes(): number;
}

/**
 * Raw bytes kept per response, as a multiple of the cap on what is kept of it: SSE framing and JSON escapes take
 * several bytes per byte of text. Past it the rest of the body is counted, not kept, and the turn marked truncated,
 * but for its last TAIL_BYTES: a stream's stop reason comes in its last events.
 */
const RAW_FACTOR = 4;
const TAIL_BYTES = 64 * 1024;

/**
 * Nothing is parsed while the response streams: a chunk is copied and kept (the proxy's hot path, where the
 * client's latency is measured); the reading happens at finish, which the recorder runs off that path.
 */
export function createResponseCollector(kind: ApiKind, cap: number): ResponseCollector {
  const chunks: Buffer[] = [];
  const tail: Buffer[] = [];
  let tailBytes = 0;
  let keptBytes = 0;
  let seenBytes = 0;
  let status = 0;
  let stream = false;
  let draft: ResponseDraft | null = null;
  return {
    start(code, contentType) {
      status = code;
      stream = isEventStream(contentType) && code < 400;
    },
    push(chunk) {
      seenBytes += chunk.byteLength;
      // A copy: the chunk's memory is the transport's, which may reuse it.
      const copy = Buffer.from(chunk);
      if (keptBytes < cap * RAW_FACTOR) {
        chunks.push(copy);
        keptBytes += copy.length;
        return;
      }
      tail.push(copy);
      tailBytes += copy.length;
      while (tail.length > 1 && tailBytes - (tail[0] as Buffer).length >= TAIL_BYTES) tailBytes -= (tail.shift() as Buffer).length;
    },
    heldBytes() {
      return keptBytes + tailBytes;
    },
    finish() {
      if (draft) return draft;
      draft = createResponseDraft(cap);
      const body = Buffer.concat(chunks);
      chunks.length = 0;
      if (stream) {
        readStream(kind, draft, body);
        if (tail.length > 0) {
          // The middle was not kept: a key split across it would leave its start here and its end in the tail, neither
          // with the shape redaction knows. The text stops at the gap; the tail is read for its stop reason only.
          closeDraft(draft);
          // The tail starts mid-event: it is read from its first blank line on.
          const end = Buffer.concat(tail);
          const start = end.indexOf('\n\n');
          if (start >= 0) readStream(kind, draft, end.subarray(start + 2));
        }
      } else readBody(kind, draft, body.toString('utf8'), status);
      draft.bytes = seenBytes;
      if (seenBytes > body.length) draft.truncated = true;
      return draft;
    },
  };
}

function readStream(kind: ApiKind, draft: ResponseDraft, body: Buffer): void {
  const apply = findProxyProtocol(kind).transcript.createEventReader(draft);
  const reader = createSseReader({
    onEvent: (event) => {
      const data = parseJson(event.data);
      const type = event.event ?? (typeof data === 'object' && data !== null ? String((data as { type?: unknown }).type ?? '') : '');
      apply(type, data);
    },
    onMalformed: () => {},
  });
  reader.push(body);
  reader.finish();
}

/** A success body is read as the API's answer; an error body, or one cut at the cap, is kept as its text. */
function readBody(kind: ApiKind, draft: ResponseDraft, text: string, status: number): void {
  const parsed = status < 400 ? parseJson(text) : undefined;
  if (parsed === undefined) {
    draft.text = text;
    draft.kept = Buffer.byteLength(text, 'utf8');
    if (status >= 400) draft.stopReason = `http ${status}`;
    return;
  }
  findProxyProtocol(kind).transcript.readBody(draft, parsed);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
