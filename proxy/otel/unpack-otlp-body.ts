// Undoes `Content-Encoding: gzip` within the unpacked-size cap: a gzip bomb stops at the cap, never in memory.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export type Unpacked = { ok: true; body: Buffer } | { ok: false; status: 400 | 413; reason: string };

/** `encoding` is the request's Content-Encoding, lower-cased: identity (or none) or gzip; the caller refuses the rest. */
export async function unpackOtlpBody(body: Buffer, encoding: 'identity' | 'gzip', maxBytes: number): Promise<Unpacked> {
  if (encoding === 'identity') return { ok: true, body };
  try {
    // zlib stops inflating at maxOutputLength and fails with ERR_BUFFER_TOO_LARGE (https://nodejs.org/api/zlib.html#class-options).
    return { ok: true, body: await gunzipAsync(body, { maxOutputLength: maxBytes }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      return { ok: false, status: 413, reason: `the gzip body unpacks to more than ${maxBytes} bytes (the unpacked cap)` };
    return { ok: false, status: 400, reason: `the body is not valid gzip (${code ?? (error as Error).message})` };
  }
}
