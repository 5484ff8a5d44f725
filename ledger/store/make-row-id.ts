// A row id: a UUIDv7 (RFC 9562 section 5.7) from node:crypto, with uuid@11's layout and its counter within a millisecond.
import { randomFillSync } from 'node:crypto';

/** Sixteen random bytes per id, drawn 256 at a time (one getrandom call for sixteen ids). */
const pool = new Uint8Array(256);
let poolAt = pool.length;
/** The last id's millisecond and 32-bit counter: ids made by one process sort in the order they were made. */
const last = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

/**
 * The ids uuid@11's `v7()` made, without loading its 20 CommonJS files on every capture (a sixth of a JSON capture's
 * CPU above a bare `node`; docs/decisions/0038-own-uuid-v7.md). 48 bits of Unix milliseconds, the version, a 32-bit
 * counter spread over rand_a and the top of rand_b (RFC 9562 section 6.2, method 1: seeded at random each new
 * millisecond, +1 within one, the millisecond moved on when it wraps), the variant, then random bits.
 * `msecs` given (an injected clock): a random counter and no state, as uuid's `v7({ msecs })`.
 */
export function makeRowId(msecs?: number): string {
  const random = drawRandom();
  let time: number;
  let seq: number;
  if (msecs !== undefined) {
    [time, seq] = [msecs, readSeed(random)];
  } else {
    const now = Date.now();
    if (now > last.msecs) {
      last.seq = readSeed(random);
      last.msecs = now;
    } else {
      last.seq = (last.seq + 1) | 0;
      if (last.seq === 0) last.msecs += 1;
    }
    [time, seq] = [last.msecs, last.seq];
  }
  const bytes = [
    (time / 0x10000000000) & 0xff,
    (time / 0x100000000) & 0xff,
    (time / 0x1000000) & 0xff,
    (time / 0x10000) & 0xff,
    (time / 0x100) & 0xff,
    time & 0xff,
    0x70 | ((seq >>> 28) & 0x0f),
    (seq >>> 20) & 0xff,
    0x80 | ((seq >>> 14) & 0x3f),
    (seq >>> 6) & 0xff,
    ((seq << 2) & 0xff) | ((random[10] as number) & 0x03),
    ...random.subarray(11, 16),
  ];
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new millisecond's counter: 31 random bits, so a run of ids within it has room before it wraps. */
function readSeed(random: Uint8Array): number {
  return ((random[6] as number) << 23) | ((random[7] as number) << 16) | ((random[8] as number) << 8) | (random[9] as number);
}

function drawRandom(): Uint8Array {
  if (poolAt > pool.length - 16) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.subarray(poolAt - 16, poolAt);
}
