// What the proxy needs of a wire protocol: which paths it taps, how its answers carry usage, and its own error and end shapes.
import type { ProtocolId } from '../../ledger/vocabulary/index.js';
import type { TapOptions, UsageCounts, UsageTap } from '../tap/usage-tap.js';
import type { TranscriptReader } from '../transcript/transcript-reader.js';

export type ProxyErrorType =
  | 'api_error'
  | 'overloaded_error'
  | 'timeout_error'
  | 'not_found_error'
  | 'authentication_error'
  | 'permission_error'
  | 'invalid_request_error'
  | 'rate_limit_error'
  | 'request_too_large';

/** Where a stream a block budget cut stood: what its clean end must close and say. */
export interface BudgetEnd {
  openBlock: number | null;
  outputTokens: number;
  messageId: string | null;
  message: string;
}

/** What one unnamed stream event says of the answer so far (a protocol whose events carry no name: Gemini's). */
export interface StreamProgress {
  /** Characters of output the event adds (text, function-call arguments). */
  chars: number;
  /** The running output count the event states, when it states one. */
  output: number | null;
  /** True when the event ends the answer. */
  ended: boolean;
  /** The prompt's counts so far, when the event states them. */
  input: { input: number; cache_read: number; cache_creation: number } | null;
}

/**
 * One protocol, declared once (a protocol separate from a provider; a compatible back end speaks one of
 * these, a new protocol is a new file here and its taps). Each function is pure.
 */
export interface ProxyProtocol {
  id: ProtocolId;
  /** True for a request path whose answers this protocol's taps read. */
  taps(path: string): boolean;
  /** True for an untapped path of this protocol that is still forwarded (a token count, a model list). */
  passes(path: string): boolean;
  /** True for a path, tapped or not, whose errors the client parses in this protocol's envelope. */
  ownsErrors(path: string): boolean;
  /** The model a request names where it is not the body's top-level "model" (Gemini: the path); null to read the body. */
  readPathModel(path: string): string | null;
  /**
   * The client's headers of this API's own (its version and beta headers, the client's name) a failover back end is
   * sent besides content type, encoding, accept and user agent: that back end is another account, often another
   * vendor, which gets nothing of the first one's session, organization or cookies (server/aim-request.ts).
   */
  failoverHeaders: readonly string[];
  /** True where a 429's verdict (a spent quota window or a passing limit) is in its body, not its headers (Google's). */
  refusalInBody?: boolean;
  /** The request URL with its path's model replaced (a route's `rewrite_model`), for a protocol that keeps it there. */
  replacePathModel?(url: string, model: string): string;
  createStreamTap(options: TapOptions): UsageTap;
  /** A whole JSON answer: its usage (into `usage`), the model it names and the error it carries. */
  readAnswer(body: Record<string, unknown>, usage: UsageCounts): { model: string | null; error: { type: string; message: string } | null };
  /**
   * A whole answer sent as a JSON array of chunks (Gemini's `:streamGenerateContent` without `alt=sse`), read in order;
   * absent where an answer is always one object.
   */
  readAnswerChunks?(chunks: unknown[], usage: UsageCounts): { model: string | null; error: { type: string; message: string } | null };
  /**
   * The most output the request may spend as its body states it, thinking included (request-bounds.ts); Infinity when
   * nothing in it bounds the answer (its model's maximum then does).
   */
  readOutputBound(request: Record<string, unknown>): number;
  /** Input the request names instead of sending it (a file id, a previous response, a cached content), as named. */
  readNamedInput(request: Record<string, unknown>): string[];
  /** True where a later request may name an answer by its id as input (Responses' `previous_response_id`). */
  answersNamedLater?: boolean;
  /** True when the answer's input count already includes its cache reads (Responses, Gemini), false when apart (Messages). */
  inputIncludesCache: boolean;
  formatErrorBody(type: ProxyErrorType, message: string): string;
  formatErrorEvent(type: ProxyErrorType, message: string): string;
  formatBudgetEnd(end: BudgetEnd): string;
  /**
   * A reader of one stream's unnamed events for a block budget's running count (it may keep what earlier events said);
   * absent where events are named (Anthropic, OpenAI).
   */
  createStreamProgress?(): (data: string) => StreamProgress | null;
  /** What a window's transcript reads of a request and its answer (proxy/transcript/). */
  transcript: TranscriptReader;
}

/** One SSE event in the shape `event: <type>` + `data: {"type": <type>, ...}` Anthropic and OpenAI both use. */
export function formatTypedEvent(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}
