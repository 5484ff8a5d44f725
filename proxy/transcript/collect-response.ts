// Collects one response for the transcript as it streams through the proxy: SSE events as they come, a JSON body whole.
import { isEventStream } from '../tap/create-usage-tap.js';
import { createSseReader, type SseReader } from '../tap/sse-reader.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { createAnthropicEventReader, readAnthropicBody } from './anthropic-response.js';
import { createResponseDraft, type ResponseDraft } from './response-draft.js';
import { createResponsesEventReader, readResponsesBody } from './responses-response.js';

/** What the proxy's exchange feeds: the response's start, then each chunk of its body (forward-exchange.ts). */
export interface ResponseTee {
  start(status: number, contentType: string | undefined): void;
  push(chunk: Uint8Array): void;
}

export interface ResponseCollector extends ResponseTee {
  /** Ends the collection (idempotent): what was kept of the response. */
  finish(): ResponseDraft;
}

/** A JSON body larger than this many times the cap is not parsed: its head is kept as text instead. */
const BODY_FACTOR = 4;

export function createResponseCollector(kind: ApiKind, cap: number): ResponseCollector {
  const draft = createResponseDraft(cap);
  let reader: SseReader | null = null;
  let body: Buffer[] | null = null;
  let bodyBytes = 0;
  let status = 0;
  let done = false;
  return {
    start(code, contentType) {
      status = code;
      if (isEventStream(contentType) && code < 400) {
        const apply = kind === 'anthropic-messages' ? createAnthropicEventReader(draft) : createResponsesEventReader(draft);
        reader = createSseReader({
          onEvent: (event) => {
            const data = parseJson(event.data);
            const type = event.event ?? (typeof data === 'object' && data !== null ? String((data as { type?: unknown }).type ?? '') : '');
            apply(type, data);
          },
          onMalformed: () => {},
        });
      } else body = [];
    },
    push(chunk) {
      if (done) return;
      draft.bytes += chunk.byteLength;
      if (reader) return reader.push(chunk);
      if (body && bodyBytes < cap * BODY_FACTOR) {
        body.push(Buffer.from(chunk));
        bodyBytes += chunk.byteLength;
      }
    },
    finish() {
      if (done) return draft;
      done = true;
      if (reader) reader.finish();
      else if (body) readBody(kind, draft, Buffer.concat(body).toString('utf8'), status);
      return draft;
    },
  };
}

/** A success body is read as the API's answer; an error body (or one too large to parse) is kept as its text. */
function readBody(kind: ApiKind, draft: ResponseDraft, text: string, status: number): void {
  const whole = draft.bytes <= draft.cap * BODY_FACTOR;
  const parsed = status < 400 && whole ? parseJson(text) : undefined;
  if (parsed === undefined) {
    draft.text = text;
    draft.kept = Buffer.byteLength(text, 'utf8');
    if (!whole) draft.truncated = true;
    if (status >= 400) draft.stopReason = `http ${status}`;
    return;
  }
  if (kind === 'anthropic-messages') readAnthropicBody(draft, parsed);
  else readResponsesBody(draft, parsed);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
