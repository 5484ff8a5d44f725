// Bombs of every wire type against the one walk that counts and decodes: each is refused, none steps around the count.
import { describe, expect, it } from 'vitest';
import { MAX_OTLP_ELEMENTS } from './count-otlp-elements.js';
import { decodeBoundedProtobuf } from './decode-bounded-protobuf.js';
import { decodeOtlpRequest } from './decode-otlp.js';
import { OTLP_TYPES } from './otlp-types.js';

const many = MAX_OTLP_ELEMENTS + 10;
const logs = OTLP_TYPES.request.logs;

/** `bytes` repeated `times` times. */
function repeat(bytes: number[], times: number): Buffer {
  const out = Buffer.alloc(bytes.length * times);
  for (let i = 0; i < times; i += 1) out.set(bytes, i * bytes.length);
  return out;
}

function refusedAsLarge(signal: 'logs' | 'metrics', body: Uint8Array): void {
  const result = decodeOtlpRequest(signal, 'protobuf', body);
  expect(result).toMatchObject({ ok: false, too_large: true });
}

describe('one bounded walk that counts and decodes', () => {
  it('counts each field read: two fields pass a limit of 2 and fail a limit of 1', () => {
    const body = Buffer.from([0x0a, 0x02, 0x12, 0x00]);
    expect(decodeBoundedProtobuf(logs, body, 2).ok).toBe(true);
    expect(decodeBoundedProtobuf(logs, body, 1)).toEqual({ ok: false, too_large: true });
  });

  it('refuses a start-group tag followed by a quarter of a million empty ResourceLogs (the separate walk stopped at the group)', () => {
    // Field 15, wire type 3 (start group) then 4 (end group): protobufjs skips the group and decodes what follows.
    refusedAsLarge('logs', Buffer.concat([Buffer.from([0x7b, 0x7c]), repeat([0x0a, 0x00], many)]));
  });

  it('refuses a quarter of a million fields inside a skipped group', () => {
    refusedAsLarge('logs', Buffer.concat([Buffer.from([0x7b]), repeat([0x08, 0x00], many), Buffer.from([0x7c])]));
  });

  it('refuses a packed block of a quarter of a million varints before reading it', () => {
    const request = OTLP_TYPES.request.metrics.fromObject({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'bomb',
                  exponentialHistogram: { dataPoints: [{ positive: { bucketCounts: new Array(many).fill(0) } }] },
                },
              ],
            },
          ],
        },
      ],
    });
    const body = OTLP_TYPES.request.metrics.encode(request).finish();
    expect(body.length).toBeLessThan(many + 100);
    refusedAsLarge('metrics', body);
  });

  it('refuses groups nested past 100 levels as invalid, not as a hang or a crash', () => {
    const result = decodeOtlpRequest('logs', 'protobuf', Buffer.concat([repeat([0x7b], 5_000), repeat([0x7c], 5_000)]));
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.reason).toMatch(/max depth exceeded/);
  });

  it('refuses a length that lies as invalid, and skips a message field sent as a varint instead of reading it as one', () => {
    const lying = decodeOtlpRequest('logs', 'protobuf', Buffer.from([0x0a, 0xff, 0xff, 0x03, 0x12]));
    expect(lying).toMatchObject({ ok: false, reason: expect.stringMatching(/index out of range/) });
    expect(lying).not.toHaveProperty('too_large');
    // Field 1 (resourceLogs) with wire type 0: protobufjs 8 checks the wire type and skips it as an unknown field.
    expect(decodeOtlpRequest('logs', 'protobuf', Buffer.from([0x08, 0x96, 0x01]))).toEqual({
      ok: true,
      decoded: { signal: 'logs', request: {} },
    });
  });
});
