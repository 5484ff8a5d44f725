// The everyday calibration counts a day's use as `tracker usage` does: one source a day, plus requests the proxy never carried.
import { describe, expect, it } from 'vitest';
import { createDayCounter, type SourceColumns } from './pick-everyday-uses.js';

const ORDER = ['proxy', 'otel', 'claude-transcript'];
const DAY = Date.parse('2026-11-24T09:00:00Z');
const NEXT = Date.parse('2026-11-25T09:00:00Z');
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function columns(uses: [number, string | null][]): SourceColumns {
  return { at: uses.map(([at]) => at), usd: uses.map(() => 1), tokens: uses.map(() => 100), request: uses.map(([, id]) => id) };
}

describe('createDayCounter', () => {
  const transcripts = columns([
    [DAY, 'r1'],
    [DAY + 60_000, 'r2'],
    [DAY + 120_000, 'r3'],
    [NEXT, 'r4'],
  ]);

  it("counts the proxy's day, a transcript's request it never carried beside it, and a day it did not see", () => {
    const sources = new Map([
      [
        'proxy',
        columns([
          [DAY, 'r1'],
          [DAY + 60_000, 'r2'],
        ]),
      ],
      ['claude-transcript', transcripts],
    ]);
    const counts = createDayCounter(sources, ORDER, dayOf);
    expect([0, 1].map((i) => counts('proxy', i))).toEqual([true, true]);
    expect([0, 1, 2, 3].map((i) => counts('claude-transcript', i))).toEqual([false, false, true, true]);
  });

  it('keeps one source a day where a proxy row names no request id, or the agent exported its own telemetry', () => {
    const anonymous = new Map([
      [
        'proxy',
        columns([
          [DAY, 'r1'],
          [DAY + 30_000, null],
        ]),
      ],
      ['claude-transcript', transcripts],
    ]);
    expect([0, 1, 2, 3].map((i) => createDayCounter(anonymous, ORDER, dayOf)('claude-transcript', i))).toEqual([false, false, false, true]);
    const exported = new Map([
      ['proxy', columns([[DAY, 'r1']])],
      ['otel', columns([[DAY, null]])],
      ['claude-transcript', transcripts],
    ]);
    expect([0, 1, 2, 3].map((i) => createDayCounter(exported, ORDER, dayOf)('claude-transcript', i))).toEqual([false, false, false, true]);
  });
});
