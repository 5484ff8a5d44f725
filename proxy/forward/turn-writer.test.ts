// TurnWriter: the chunks of a turn leave as one write, in order, corked with what else was written that turn.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TurnWriter } from './turn-writer.js';

/** A response that logs its calls; `write` answers `fits` (false: past the high-water mark). */
function createFakeResponse(fits = true): { res: ServerResponse; calls: string[] } {
  const calls: string[] = [];
  const res = {
    cork: () => calls.push('cork'),
    uncork: () => calls.push('uncork'),
    write: (chunk: Buffer) => {
      calls.push(`write ${chunk.toString()}`);
      return fits;
    },
  } as unknown as ServerResponse;
  return { res, calls };
}

const nextTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

describe('TurnWriter', () => {
  it('writes the chunks held in one turn as one buffer at its end, then uncorks', async () => {
    const { res, calls } = createFakeResponse();
    const writer = new TurnWriter(res, () => calls.push('full'));
    writer.hold(Buffer.from('a'));
    writer.hold(Buffer.alloc(0));
    writer.hold(Buffer.from('b'));
    expect(calls).toEqual(['cork']);
    await nextTick();
    expect(calls).toEqual(['cork', 'write ab', 'uncork']);
  });

  it('writes what it holds at once on release, so bytes written after it come after it', async () => {
    const { res, calls } = createFakeResponse();
    const writer = new TurnWriter(res, () => calls.push('full'));
    writer.hold(Buffer.from('data'));
    writer.release();
    res.write(Buffer.from('end'));
    await nextTick();
    expect(calls).toEqual(['cork', 'write data', 'write end', 'uncork']);
  });

  it('tells the caller when the response is full', async () => {
    const { res, calls } = createFakeResponse(false);
    const writer = new TurnWriter(res, () => calls.push('full'));
    writer.hold(Buffer.from('x'));
    await nextTick();
    expect(calls).toEqual(['cork', 'write x', 'full', 'uncork']);
  });
});
