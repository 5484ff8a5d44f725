// Tests that running totals become deltas that add up to the last total, per key.
import { describe, expect, it } from 'vitest';
import { CumulativeUsage } from './cumulative-usage.js';

describe('CumulativeUsage', () => {
  it('counts a cumulative stream once: message_delta 10 then 25 output tokens is 25', () => {
    const usage = new CumulativeUsage();
    const first = usage.observe('msg_1', { input: 40, output: 10 });
    const second = usage.observe('msg_1', { output: 25 });
    expect(first).toEqual({ input: 40, output: 10, cache_read: 0, cache_creation: 0 });
    expect(second).toEqual({ input: 0, output: 15, cache_read: 0, cache_creation: 0 });
    expect(first.output + second.output).toBe(25);
    expect(usage.total('msg_1')).toEqual({ input: 40, output: 25, cache_read: 0, cache_creation: 0 });
  });

  it('adds nothing for a repeated or lower reading, and keeps the higher figure', () => {
    const usage = new CumulativeUsage();
    usage.observe('s', { input: 100, output: 12 });
    expect(usage.observe('s', { input: 100, output: 12 })).toEqual({ input: 0, output: 0, cache_read: 0, cache_creation: 0 });
    expect(usage.observe('s', { input: 100, output: 1 })).toEqual({ input: 0, output: 0, cache_read: 0, cache_creation: 0 });
    expect(usage.observe('s', { output: 20 }).output).toBe(8);
  });

  it('keeps keys apart, and starts a forgotten key afresh', () => {
    const usage = new CumulativeUsage();
    usage.observe('a', { output: 50 });
    expect(usage.observe('b', { output: 30 }).output).toBe(30);
    usage.forget('a');
    expect(usage.observe('a', { output: 5 }).output).toBe(5);
  });

  it('ignores counts that are not counts', () => {
    const usage = new CumulativeUsage();
    expect(usage.observe('k', { input: Number.NaN, output: -3, cache_read: 7 })).toEqual({
      input: 0,
      output: 0,
      cache_read: 7,
      cache_creation: 0,
    });
  });
});
