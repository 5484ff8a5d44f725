// Tests that the aligner passes whole events at once, holds partial ones, and loses no byte.
import { describe, expect, it } from 'vitest';
import { EventAligner, findLastEventEnd } from './event-aligner.js';

const stream = 'event: a\ndata: {"x":1}\n\nevent: b\r\ndata: {"y":"é"}\r\n\r\nevent: c\rdata: {}\r\revent: d\ndata: {}\n\n';

describe('EventAligner', () => {
  it('finds the last blank line with either line ending', () => {
    expect(findLastEventEnd(Buffer.from('data: 1\n\ndata: 2'))).toBe(9);
    expect(findLastEventEnd(Buffer.from('data: 1\r\n\r\n'))).toBe(11);
    expect(findLastEventEnd(Buffer.from('data: 1\n'))).toBe(0);
    expect(findLastEventEnd(Buffer.from('data: 1\r\rdata: 2'))).toBe(9);
    expect(findLastEventEnd(Buffer.from('data: 1\n\r\n'))).toBe(10);
    expect(findLastEventEnd(Buffer.from('data: 1\r\n\n'))).toBe(10);
    expect(findLastEventEnd(Buffer.from('data: 1\r\n\r'))).toBe(10);
    expect(findLastEventEnd(Buffer.from('data: 1\r'))).toBe(0);
    expect(findLastEventEnd(Buffer.from('data: 1\r\n'))).toBe(0);
  });

  it('gives back every byte, in order, however the stream is cut, and only whole events until the end', () => {
    const bytes = Buffer.from(stream);
    for (let size = 1; size <= bytes.length; size += 1) {
      const aligner = new EventAligner();
      const out: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) {
        const ready = aligner.push(bytes.subarray(at, at + size));
        if (ready.length > 0) {
          expect(findLastEventEnd(ready)).toBe(ready.length);
          out.push(ready);
        }
      }
      const rest = aligner.drain();
      if (rest) out.push(rest);
      expect(Buffer.concat(out).toString()).toBe(stream);
    }
  });

  it('drops a partial event on drain only when asked to by the caller', () => {
    const aligner = new EventAligner();
    expect(aligner.push(Buffer.from('event: a\ndata: {}\n\nevent: conte')).toString()).toBe('event: a\ndata: {}\n\n');
    expect(aligner.drain()?.toString()).toBe('event: conte');
    expect(aligner.drain()).toBeNull();
  });
});
