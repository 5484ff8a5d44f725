// Reads an OTLP export's body within the size cap and the shared memory budget; past the cap it keeps the first bytes for rejects/.
import type { IncomingMessage } from 'node:http';
import type { BodyLease } from '../server/body-budget.js';

export type OtlpBodyFailure = 'too-large' | 'overloaded' | 'timeout' | 'aborted';
export type OtlpBody = { ok: true; body: Buffer } | { ok: false; reason: OtlpBodyFailure; kept: Buffer; declared: number | null };

/** What an oversized body leaves under rejects/: enough to see what sent it, never the whole of it. */
export const KEPT_PREFIX_BYTES = 64 * 1024;

export interface OtlpBodyRules {
  maxBytes: number;
  lease: BodyLease;
  idleMs: number;
}

/** Resolves once. A declared length past the cap is refused before a byte is read. */
export function readOtlpBody(req: IncomingMessage, rules: OtlpBodyRules): Promise<OtlpBody> {
  return new Promise((resolve) => {
    const header = req.headers['content-length'];
    const declared = header === undefined || !/^\d+$/.test(header) ? null : Number(header);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (reason: OtlpBodyFailure): void => {
      const kept = Buffer.concat(chunks).subarray(0, KEPT_PREFIX_BYTES);
      finish({ ok: false, reason, kept: Buffer.from(kept), declared });
    };
    const finish = (result: OtlpBody): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      chunks.length = 0;
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > rules.maxBytes) {
        chunks.push(chunk.subarray(0, Math.max(0, KEPT_PREFIX_BYTES - size)));
        return fail('too-large');
      }
      if (!rules.lease.take(chunk.length)) return fail('overloaded');
      size += chunk.length;
      chunks.push(chunk);
      timer.refresh();
    };
    const timer = setTimeout(() => fail('timeout'), rules.idleMs);
    if (declared !== null && declared > rules.maxBytes) return fail('too-large');
    req.on('data', onData);
    req.on('end', () => finish({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) }));
    req.on('error', () => fail('aborted'));
    req.on('close', () => {
      if (!req.complete) fail('aborted');
    });
  });
}
