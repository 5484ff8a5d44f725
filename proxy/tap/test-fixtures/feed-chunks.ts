// Test helpers: feed a body to a tap whole, split at one byte offset, or a byte at a time, with a clock per chunk.
import { readFileSync } from 'node:fs';
import type { TapOptions, TapResult, UsageTap } from '../usage-tap.js';

export function readFixture(name: string, lineEnding: '\n' | '\r\n' | '\r' = '\n'): Uint8Array {
  const text = readFileSync(new URL(name, import.meta.url), 'utf8');
  return new TextEncoder().encode(lineEnding === '\n' ? text : text.replace(/\n/g, lineEnding));
}

export type TapFactory = (options: TapOptions) => UsageTap;

/** Feeds the chunks in order; the clock reads the index of the chunk being pushed. */
export function feedChunks(createTap: TapFactory, chunks: Uint8Array[]): TapResult {
  let index = 0;
  const tap = createTap({ now: () => index });
  for (; index < chunks.length; index++) tap.push(chunks[index] as Uint8Array);
  return tap.finish();
}

export function splitAt(bytes: Uint8Array, offset: number): Uint8Array[] {
  return [bytes.slice(0, offset), bytes.slice(offset)];
}

export function splitIntoBytes(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (byte) => Uint8Array.of(byte));
}

/** Byte offset just past the blank line ending the first event named `eventName`. */
export function findEventEnd(bytes: Uint8Array, eventName: string, lineEnding: '\n' | '\r\n' | '\r' = '\n'): number {
  const text = new TextDecoder().decode(bytes);
  const start = text.indexOf(`event: ${eventName}${lineEnding}`);
  const end = text.indexOf(`${lineEnding}${lineEnding}`, start) + lineEnding.length * 2;
  return new TextEncoder().encode(text.slice(0, end)).byteLength;
}
