// The binary COPY reader on hand-built streams: every split of the stream gives the same rows, bad streams are refused.
import { describe, expect, it } from 'vitest';
import { createBinaryCopyReader } from './copy-binary-rows.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** A stream as PostgreSQL writes it: header (with a header extension of `extension` bytes), rows, trailer. */
function buildStream(rows: [number, string][], extension = 0): Buffer {
  const header = Buffer.alloc(8 + extension);
  header.writeUInt32BE(extension, 4);
  const tuples = rows.map(([seq, line]) => {
    const bytes = Buffer.from(line, 'utf8');
    const tuple = Buffer.alloc(18);
    tuple.writeInt16BE(2, 0);
    tuple.writeInt32BE(8, 2);
    tuple.writeBigInt64BE(BigInt(seq), 6);
    tuple.writeInt32BE(bytes.length, 14);
    return Buffer.concat([tuple, bytes]);
  });
  return Buffer.concat([SIGNATURE, header, ...tuples, Buffer.from([0xff, 0xff])]);
}

function readAll(chunks: Buffer[]): [number, string][] {
  const rows: [number, string][] = [];
  const reader = createBinaryCopyReader((seq, line) => rows.push([seq, line.toString('utf8')]));
  for (const chunk of chunks) reader.push(chunk);
  reader.finish();
  return rows;
}

const ROWS: [number, string][] = [
  [1, '{"a":"x"}'],
  [7, '{"note":"caf\u00e9 \\"quoted\\" \\\\ back\\nslash\\ttab"}'],
  [2 ** 40, ''],
  [2 ** 40 + 3, '{"emoji":"\ud83d\ude00"}'],
];

describe('createBinaryCopyReader', () => {
  it('reads every row with its seq and exact bytes, however the stream is split', () => {
    const stream = buildStream(ROWS, 3);
    expect(readAll([stream])).toEqual(ROWS);
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(readAll([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(ROWS);
    }
    expect(readAll([...stream].map((byte) => Buffer.from([byte])))).toEqual(ROWS);
  });

  it('reads an empty page (header and trailer only)', () => {
    expect(readAll([buildStream([])])).toEqual([]);
  });

  it('does not keep a chunk it was handed: a reused protocol buffer cannot change a row not yet read', () => {
    const stream = buildStream(ROWS);
    const rows: string[] = [];
    const reader = createBinaryCopyReader((_seq, line) => rows.push(line.toString('utf8')));
    const cut = stream.length - 5;
    const first = Buffer.from(stream.subarray(0, cut));
    reader.push(first);
    first.fill(0);
    reader.push(stream.subarray(cut));
    reader.finish();
    expect(rows).toEqual(ROWS.map(([, line]) => line));
  });

  it('refuses a stream that is not binary COPY, a row of other fields, a null line, and a stream cut short', () => {
    expect(() => readAll([Buffer.from('seq\tline\n1\t{}\n'.padEnd(40, ' '))])).toThrow(/not a binary COPY stream/);
    const threeFields = buildStream([[1, '{}']]);
    threeFields.writeInt16BE(3, 19);
    expect(() => readAll([threeFields])).toThrow(/3 fields/);
    const nullLine = buildStream([[1, '{}']]);
    nullLine.writeInt32BE(-1, 19 + 14);
    expect(() => readAll([nullLine])).toThrow(/line is null/);
    const stream = buildStream(ROWS);
    expect(() => readAll([stream.subarray(0, stream.length - 2)])).toThrow(/ended before its trailer/);
    expect(() => readAll([stream.subarray(0, stream.length - 7)])).toThrow(/ended before its trailer/);
    expect(() => readAll([Buffer.concat([stream, Buffer.from([0])])])).toThrow(/after the trailer/);
  });
});
