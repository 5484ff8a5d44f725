// Reads a request body into one buffer (routing needs its model) within a size cap, a shared memory budget and an idle timeout.
import type { IncomingMessage } from 'node:http';
import type { BodyLease } from './body-budget.js';

export type BodyFailure = 'too-large' | 'overloaded' | 'timeout' | 'aborted';
export type BodyResult =
  | { ok: true; body: Buffer }
  | {
      ok: false;
      reason: BodyFailure;
      /** With `keepPrefixBytes`: the first bytes that came (the refused chunk's included), and the declared length. */
      kept?: Buffer;
      declared?: number | null;
    };

export interface BodyRules {
  /** Largest body accepted. */
  maxBytes: number;
  /** The request's share of the in-flight body budget; the caller releases it when the request is over. */
  lease: BodyLease;
  /** Longest wait between two chunks (a slow-drip upload holds a socket and its bytes). */
  idleMs: number;
  /** Keep this many of the first bytes of a refused body (what an OTLP receiver files under rejects/); none by default. */
  keepPrefixBytes?: number;
}

/** Resolves once; on a failure the chunks read so far are dropped and the lease is released. */
export function readRequestBody(req: IncomingMessage, rules: BodyRules): Promise<BodyResult> {
  return new Promise((resolve) => {
    const header = req.headers['content-length'];
    const declared = header === undefined || !/^\d+$/.test(header) ? null : Number(header);
    const keep = rules.keepPrefixBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (!result.ok) {
        if (keep !== undefined) Object.assign(result, { kept: Buffer.from(Buffer.concat(chunks).subarray(0, keep)), declared });
        chunks.length = 0;
        rules.lease.release();
      }
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), rules.idleMs);
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > rules.maxBytes) {
        if (keep !== undefined) chunks.push(chunk.subarray(0, Math.max(0, keep - size)));
        return finish({ ok: false, reason: 'too-large' });
      }
      if (!rules.lease.take(chunk.length)) return finish({ ok: false, reason: 'overloaded' });
      size += chunk.length;
      chunks.push(chunk);
      timer.refresh();
    };
    if (declared !== null && declared > rules.maxBytes) return finish({ ok: false, reason: 'too-large' });
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) }));
    req.on('aborted', () => finish({ ok: false, reason: 'aborted' }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) finish({ ok: false, reason: 'aborted' });
    });
  });
}
