// One model turn over HTTP: POST /v1/messages (streaming), retrying overloaded answers, and the SSE read into an answer.
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createParser } from 'eventsource-parser';
import { AppError, isAppError } from '../../../kernel/index.js';
import { asRecord, MessageAssembler, readJsonMessage, type ModelAnswer } from './assemble-message.js';
import { isOkStatus, postModelRequest, readBodyText } from './post-model-request.js';
import { zeroUsage, type TokenUsage } from './token-usage.js';

/** Statuses worth another try, and the waits before the 1st, 2nd and 3rd retry. */
export const RETRY_STATUSES = new Set([429, 500, 502, 503, 529]);
export const RETRY_DELAYS_MS = [100, 200, 400] as const;

export interface ModelRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal | undefined;
}

export type TurnOutcome =
  | { ok: true; answer: ModelAnswer; retries: number }
  /** `usage`: what a broken stream had reported before it broke (those tokens were spent). */
  | { ok: false; error: AppError; usage: TokenUsage; retries: number };

export async function requestModelAnswer(request: ModelRequest, delays: readonly number[] = RETRY_DELAYS_MS): Promise<TurnOutcome> {
  let retries = 0;
  for (;;) {
    let response: IncomingMessage;
    try {
      response = await postModelRequest(request.url, request.headers, JSON.stringify(request.body), request.signal);
    } catch (error) {
      return { ok: false, error: describeRequestError(request, error), usage: zeroUsage(), retries };
    }
    if (isOkStatus(response)) return { ...(await readAnswer(response, request.signal)), retries };
    const detail = await readErrorDetail(response);
    const delay = delays[retries];
    if (RETRY_STATUSES.has(response.statusCode ?? 0) && delay !== undefined) {
      retries += 1;
      try {
        await sleep(delay, undefined, { signal: request.signal });
      } catch (error) {
        return { ok: false, error: describeRequestError(request, error), usage: zeroUsage(), retries };
      }
      continue;
    }
    const tried = retries > 0 ? ` after ${retries} retries` : '';
    return {
      ok: false,
      error: new AppError('IO', `expected 200, got ${response.statusCode}${tried}${detail ? ` (${detail})` : ''}`, {
        where: `POST ${request.url}`,
      }),
      usage: zeroUsage(),
      retries,
    };
  }
}

async function readAnswer(
  response: IncomingMessage,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; answer: ModelAnswer } | { ok: false; error: AppError; usage: TokenUsage }> {
  const type = response.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      return { ok: true, answer: readJsonMessage(asRecord(JSON.parse(await readBodyText(response)))) };
    } catch (error) {
      return {
        ok: false,
        error: new AppError('IO', `expected a JSON message, got ${(error as Error).message}`, { where: 'model answer' }),
        usage: zeroUsage(),
      };
    }
  }
  const assembler = new MessageAssembler();
  let events = 0;
  let failure: unknown = null;
  const parser = createParser({
    onEvent(event) {
      if (failure !== null || assembler.complete) return;
      events += 1;
      try {
        const data = asRecord(JSON.parse(event.data));
        assembler.handle(event.event ?? (typeof data.type === 'string' ? data.type : ''), data);
      } catch (error) {
        failure = isAppError(error)
          ? error
          : new AppError('IO', `expected JSON event data, got ${JSON.stringify(event.data.slice(0, 80))}`, { where: 'model stream' });
      }
    },
  });
  try {
    const decoder = new TextDecoder();
    for await (const chunk of response) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (failure !== null || assembler.complete) break;
    }
    if (failure !== null) throw failure;
    return { ok: true, answer: assembler.finish(events) };
  } catch (error) {
    response.destroy();
    const appError = isAppError(error)
      ? error
      : signal?.aborted
        ? abortedError(signal)
        : new AppError('IO', `expected a complete stream, got it cut after ${events} events (${causeOf(error)})`, {
            where: 'model stream',
            cause: error,
          });
    return { ok: false, error: appError, usage: assembler.usage };
  }
}

/** The API error's message (Anthropic envelope) or the start of the body. */
async function readErrorDetail(response: IncomingMessage): Promise<string> {
  try {
    const text = await readBodyText(response);
    try {
      const error = asRecord(asRecord(JSON.parse(text)).error);
      if (typeof error.message === 'string') return `${String(error.type ?? 'error')}: ${error.message}`;
    } catch {
      // not JSON: the raw text below
    }
    return text.slice(0, 200).trim();
  } catch {
    return '';
  }
}

function describeRequestError(request: ModelRequest, error: unknown): AppError {
  if (request.signal?.aborted) return abortedError(request.signal);
  return new AppError('IO', `expected the model API to answer, got ${causeOf(error)}`, { where: `POST ${request.url}`, cause: error });
}

function abortedError(signal: AbortSignal): AppError {
  const reason = signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === 'string' ? signal.reason : 'aborted';
  return new AppError('IO', `stopped before the answer was complete (${reason})`, { where: 'model request' });
}

/** node:http's errors carry the reason as `code` (ECONNREFUSED; ECONNRESET for a body cut short). */
function causeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
