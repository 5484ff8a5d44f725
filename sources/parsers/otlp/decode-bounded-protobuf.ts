// Decodes protobuf through a reader that counts what it reads as it reads it: one walk both counts and decodes (pure).
import protobuf from 'protobufjs/light.js';
import { AppError, isAppError } from '../../../kernel/index.js';
import { MAX_OTLP_ELEMENTS } from './count-otlp-elements.js';

/** The kind of the error thrown past the limit, caught by decodeBoundedProtobuf only. */
const TOO_MANY = 'otlp-too-many-values';

/**
 * A protobufjs Reader whose every tag (a field read, inside a skipped group too) and every packed element is counted before it is read. A separate walk ahead of
 * the decoder had to agree with it on every wire type, and did not: a start-group tag stopped the walk while the
 * decoder skipped the group and decoded the 16 million fields after it (136 s, 2.6 GB). Counting inside the reader
 * the decoder uses cannot disagree with it; protobufjs itself refuses nesting past Reader.recursionLimit (100).
 */
class CountingReader extends protobuf.Reader {
  count = 0;

  constructor(
    buffer: Uint8Array,
    private readonly limit: number,
  ) {
    super(buffer);
  }

  override tag(): number {
    this.add(1);
    return super.tag();
  }

  add(values: number): void {
    this.count += values;
    if (this.count > this.limit) throw new AppError('BAD_INPUT', `more than ${this.limit} values`, { kind: TOO_MANY });
  }
}

/** protobufjs's packed readers (`Reader#uint32s`...) and the fewest bytes one element takes. */
const PACKED_WIDTH = {
  uint32s: 1,
  int32s: 1,
  sint32s: 1,
  bools: 1,
  uint64s: 1,
  int64s: 1,
  sint64s: 1,
  fixed32s: 4,
  sfixed32s: 4,
  floats: 4,
  fixed64s: 8,
  sfixed64s: 8,
  doubles: 8,
} as const;

for (const [name, width] of Object.entries(PACKED_WIDTH) as [keyof typeof PACKED_WIDTH, number][]) {
  const read = protobuf.Reader.prototype[name] as (this: protobuf.Reader, array?: unknown[]) => unknown[];
  // The block's length is peeked and its most elements counted before any is read (a varint block of 32 MiB would hold 32 million).
  Object.defineProperty(CountingReader.prototype, name, {
    value(this: CountingReader, array?: unknown[]): unknown[] {
      const at = this.pos;
      const bytes = this.size();
      this.pos = at;
      this.add(Math.ceil(bytes / width));
      return read.call(this, array);
    },
  });
}

export type BoundedDecode = { ok: true; message: protobuf.Message } | { ok: false; too_large: true };

/** `type.decode` within `limit` values; protobufjs's own errors (truncation, bad wire types, depth) are thrown as they are. */
export function decodeBoundedProtobuf(type: protobuf.Type, bytes: Uint8Array, limit = MAX_OTLP_ELEMENTS): BoundedDecode {
  try {
    return { ok: true, message: type.decode(new CountingReader(bytes, limit)) };
  } catch (error) {
    if (isAppError(error, TOO_MANY)) return { ok: false, too_large: true };
    throw error;
  }
}
