// Reads a request body into one buffer (routing needs its model) within a size cap, a shared memory budget and an idle timeout.
import type { IncomingMessage } from 'node:http';
import type { BodyLease } from './body-budget.js';

export type BodyFailure = 'too-large' | 'overloaded' | 'timeout' | 'aborted';
export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: BodyFailure };

export interface BodyRules {
  /** Largest body accepted. */
  maxBytes: number;
  /** The request's share of the in-flight body budget; the caller releases it when the request is over. */
  lease: BodyLease;
  /** Longest wait between two chunks (a slow-drip upload holds a socket and its bytes). */
  idleMs: number;
}

/** Resolves once; on a failure the chunks read so far are dropped and the lease is released. */
export function readRequestBody(req: IncomingMessage, rules: BodyRules): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > rules.maxBytes) return resolve({ ok: false, reason: 'too-large' });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (!result.ok) {
        chunks.length = 0;
        rules.lease.release();
      }
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), rules.idleMs);
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > rules.maxBytes) return finish({ ok: false, reason: 'too-large' });
      if (!rules.lease.take(chunk.length)) return finish({ ok: false, reason: 'overloaded' });
      chunks.push(chunk);
      timer.refresh();
    };
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) }));
    req.on('aborted', () => finish({ ok: false, reason: 'aborted' }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) finish({ ok: false, reason: 'aborted' });
    });
  });
}
