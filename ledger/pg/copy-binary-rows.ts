// Reads the rows of a `COPY (SELECT seq, line ...) TO STDOUT (FORMAT binary)` stream: each line's raw UTF-8 bytes,
// handed on without decoding them into a string (the local copy wants those bytes exactly).

/** The binary COPY signature, then a 32-bit flags field and a 32-bit header-extension length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;
/** A tuple's field count, the seq's length and value (int8), the line's length. */
const TUPLE_HEAD = 2 + 4 + 8 + 4;

/** Called with each row's seq and line; `line` is valid only during the call (the protocol reader reuses its buffer). */
export type RowSink = (seq: number, line: Buffer) => void;

export interface BinaryCopyReader {
  /** Feeds the next chunk of the stream, in order; chunks may split the header or a row anywhere. */
  push(chunk: Buffer): void;
  /** Checks the stream ended with its trailer and nothing after it. */
  finish(): void;
}

export function createBinaryCopyReader(onRow: RowSink): BinaryCopyReader {
  let pending: Buffer | null = null;
  let headerRead = false;
  let ended = false;
  return {
    push(chunk) {
      if (ended) throw new Error('binary COPY: data after the trailer');
      const buffer: Buffer = pending === null ? chunk : Buffer.concat([pending, chunk]);
      let at = headerRead ? 0 : readHeader(buffer);
      if (at < 0) {
        pending = Buffer.from(buffer);
        return;
      }
      headerRead = true;
      while (buffer.length - at >= 2) {
        const fields = buffer.readInt16BE(at);
        if (fields === -1) {
          ended = true;
          at += 2;
          break;
        }
        if (fields !== 2) throw new Error(`binary COPY: a row of ${fields} fields, expected 2 (seq, line)`);
        if (buffer.length - at < TUPLE_HEAD) break;
        const seqLength = buffer.readInt32BE(at + 2);
        const lineLength = buffer.readInt32BE(at + 14);
        if (seqLength !== 8 || lineLength < 0) throw new Error('binary COPY: a row whose seq is not an int8 or whose line is null');
        const end = at + TUPLE_HEAD + lineLength;
        if (buffer.length < end) break;
        onRow(Number(buffer.readBigInt64BE(at + 6)), buffer.subarray(at + TUPLE_HEAD, end));
        at = end;
      }
      if (ended && at < buffer.length) throw new Error('binary COPY: data after the trailer');
      // Copied: the protocol reader may write its next message over `chunk`.
      pending = at < buffer.length ? Buffer.from(buffer.subarray(at)) : null;
    },
    finish() {
      if (!ended || pending !== null) throw new Error('binary COPY: the stream ended before its trailer');
    },
  };
}

/** The offset of the first row, or -1 while the header is incomplete. */
function readHeader(buffer: Buffer): number {
  if (buffer.length < HEADER) return -1;
  if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('binary COPY: not a binary COPY stream');
  const start = HEADER + buffer.readUInt32BE(SIGNATURE.length + 4);
  return buffer.length < start ? -1 : start;
}
