// runInOrder: jobs side by side, never more than the limit, results taken in index order whatever order they finish in.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runInOrder } from './run-in-order.js';

/** Finishing times that reverse the start order within each group: the last started finishes first. */
const DELAYS = [40, 30, 20, 10, 35, 5, 25, 15, 1, 12];

describe('runInOrder', () => {
  it('takes every result in index order while up to `jobs` run at once', async () => {
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const taken: number[] = [];
    await runInOrder({
      count: DELAYS.length,
      jobs: 3,
      start: async ({ index }) => {
        running += 1;
        most = Math.max(most, running);
        await sleep(DELAYS[index] as number);
        running -= 1;
        finished.push(index);
        return index * 10;
      },
      take: (index, result) => {
        expect(result).toBe(index * 10);
        taken.push(index);
        return true;
      },
    });
    expect(taken).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(finished).not.toEqual(taken); // they did finish out of order
    expect(most).toBe(3);
  });

  it('runs one at a time with jobs 1, as the import did before --jobs', async () => {
    const events: string[] = [];
    await runInOrder({
      count: 3,
      jobs: 1,
      start: async ({ index }) => {
        events.push(`start ${index}`);
        await sleep(DELAYS[index] as number);
        events.push(`end ${index}`);
        return index;
      },
      take: () => true,
    });
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('gives a job its turn only once every earlier result is taken, and refuses it after a stop', async () => {
    const turns: Array<[number, boolean, number]> = [];
    let takenSoFar = 0;
    const aborted: number[] = [];
    await runInOrder({
      count: 6,
      jobs: 4,
      start: async ({ index, turn, signal }) => {
        await sleep(DELAYS[index] as number);
        const goOn = await turn();
        turns.push([index, goOn, takenSoFar]);
        if (!goOn && signal.aborted) aborted.push(index);
        return goOn;
      },
      // A result that says stop (the import reached --max) after the third.
      take: (index) => {
        takenSoFar = index + 1;
        return index < 2;
      },
    });
    // Jobs 0-2 were each given the turn right after the one before was taken; 3-5 (started meanwhile) were refused.
    expect(turns.filter(([, goOn]) => goOn)).toEqual([
      [0, true, 0],
      [1, true, 1],
      [2, true, 2],
    ]);
    expect(
      turns
        .filter(([, goOn]) => !goOn)
        .map(([index]) => index)
        .sort(),
    ).toEqual([3, 4, 5]);
    expect(aborted.sort()).toEqual([3, 4, 5]);
    expect(takenSoFar).toBe(3);
  });

  it('stops from outside (a time limit): the job that had its turn is still taken, the others under way are aborted and dropped', async () => {
    const limit = new AbortController();
    const taken: Array<[number, string]> = [];
    const started: number[] = [];
    const aborted: number[] = [];
    await runInOrder({
      count: 6,
      jobs: 3,
      signal: limit.signal,
      start: async ({ index, turn, signal }) => {
        started.push(index);
        await sleep(index === 0 ? 1 : 20);
        const goOn = await turn();
        if (!goOn && signal.aborted) aborted.push(index);
        if (!goOn) return 'dropped';
        // Job 1 moves its task into the bank at its turn; the limit comes right after, before its result is taken.
        if (index === 1) limit.abort();
        return 'moved';
      },
      take: (index, result) => {
        taken.push([index, result]);
        return true;
      },
    });
    expect(taken).toEqual([
      [0, 'moved'],
      [1, 'moved'],
    ]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(aborted.sort()).toEqual([2, 3]);
  });

  it('rethrows a job that throws, once the jobs under way have ended', async () => {
    const ended: number[] = [];
    const run = runInOrder({
      count: 4,
      jobs: 2,
      start: async ({ index, signal }) => {
        if (index === 1) throw new Error('broken runner');
        await sleep(30);
        ended.push(index);
        return signal.aborted;
      },
      take: () => true,
    });
    await expect(run).rejects.toThrow('broken runner');
    expect(ended).toEqual([0, 2]);
  });
});
