// One POST over node:http(s), not the global fetch: fetch's first use compiles Node's bundled undici (a whole agent
// run 0.55 -> 0.26 CPU-s, ADR 0040). The answer is Node's IncomingMessage: status, headers, the body as it arrives.
import { type IncomingMessage, request as requestHttp } from 'node:http';

/**
 * How long the connection may stay silent, waiting for the headers or between two pieces of the body: fetch's own
 * limits (undici's headersTimeout and bodyTimeout, 300 s each), which node:http does not have, so a proxy that never
 * answers still ends the turn as an error of the agent's, not only at the arm's timeout.
 */
export const IDLE_LIMIT_MS = 300_000;

/** Sends `body`; resolves with the answer once its headers are in, rejects on a connect error, an abort or silence. */
export async function postModelRequest(
  url: string,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal | undefined,
  idleLimitMs = IDLE_LIMIT_MS,
): Promise<IncomingMessage> {
  const target = new URL(url);
  // node:https loads TLS: only for an https base URL (the runner's proxy is plain http on loopback).
  const send = target.protocol === 'https:' ? (await import('node:https')).request : requestHttp;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal },
      resolve,
    );
    outgoing.on('error', reject);
    // The socket's idle timer covers the wait for the headers and the body's stream after them: destroying the request
    // rejects it before the headers, and ends the answer's stream with the error after.
    outgoing.setTimeout(idleLimitMs, () =>
      outgoing.destroy(Object.assign(new Error(`no data for ${idleLimitMs / 1000} s`), { code: 'ETIMEDOUT' })),
    );
    outgoing.end(body);
  });
}

/** The whole body as UTF-8 text. */
export async function readBodyText(answer: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** 2xx, as fetch's `response.ok`. */
export function isOkStatus(answer: IncomingMessage): boolean {
  const status = answer.statusCode ?? 0;
  return status >= 200 && status < 300;
}
