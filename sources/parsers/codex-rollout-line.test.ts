import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRolloutLine } from './codex-rollout-line.js';

const event = (payload: object, timestamp = '2025-11-18T21:55:56.513Z') =>
  JSON.stringify({ timestamp, type: 'event_msg', payload: { type: 'token_count', ...payload } });
const usage = { input_tokens: 5200, cached_input_tokens: 2048, output_tokens: 14, reasoning_output_tokens: 0, total_tokens: 5214 };

describe('readRolloutLine', () => {
  it('reads tokens and both bars, resets in epoch seconds', () => {
    const line = event({
      info: { total_token_usage: usage, last_token_usage: usage, model_context_window: 272000 },
      rate_limits: {
        primary: { used_percent: 7, window_minutes: 300, resets_at: 1763483205 },
        secondary: { used_percent: 77, window_minutes: 10080, resets_at: 1763606387 },
      },
    });
    expect(readRolloutLine(line)).toEqual({
      notes: [],
      reading: {
        capturedAt: '2025-11-18T21:55:56.513Z',
        bars: {
          five_hour: { used_pct: 7, resets_at: '2025-11-18T16:26:45.000Z', window_minutes: 300 },
          weekly: { used_pct: 77, resets_at: '2025-11-20T02:39:47.000Z', window_minutes: 10080 },
        },
        tokens: { total: 5214, input: 5200, output: 14, cache_read: 2048 },
        lastTokens: { total: 5214, input: 5200, output: 14, cache_read: 2048 },
      },
    });
  });

  it("reads the request's own tokens beside the totals, and leaves a malformed one out without a note", () => {
    const last = { input_tokens: 10192, cached_input_tokens: 0, output_tokens: 28, total_tokens: 10220 };
    const read = readRolloutLine(event({ info: { total_token_usage: usage, last_token_usage: last } }));
    expect(read).toMatchObject({ reading: { lastTokens: { total: 10220, input: 10192, output: 28, cache_read: 0 } }, notes: [] });
    const bad = readRolloutLine(event({ info: { total_token_usage: usage, last_token_usage: { total_tokens: -1 } } }));
    expect(bad).toEqual({ reading: { capturedAt: '2025-11-18T21:55:56.513Z', bars: {}, tokens: expect.any(Object) }, notes: [] });
  });

  it('reads the older resets_in_seconds from the event time', () => {
    const line = event(
      { info: null, rate_limits: { primary: { used_percent: 12.5, window_minutes: 300, resets_in_seconds: 3600 } } },
      '2025-09-27T10:00:00Z',
    );
    expect(readRolloutLine(line)).toEqual({
      notes: [],
      reading: {
        capturedAt: '2025-09-27T10:00:00.000Z',
        bars: { five_hour: { used_pct: 12.5, resets_at: '2025-09-27T11:00:00.000Z', window_minutes: 300 } },
      },
    });
  });

  it('places a weekly-only primary limit by its window length', () => {
    const line = event({
      info: null,
      rate_limits: { primary: { used_percent: 40, window_minutes: 10080, resets_at: 1763606387 }, secondary: null },
    });
    expect(readRolloutLine(line)).toMatchObject({ reading: { bars: { weekly: { used_pct: 40 } } } });
  });

  it("reads a session's working directory and a fork's parent from its session_meta, and skips one that says neither", () => {
    const meta = (payload: unknown) => JSON.stringify({ timestamp: '2026-11-25T23:00:34.844Z', type: 'session_meta', payload });
    expect(readRolloutLine(meta({ id: 'child', forked_from_id: 'parent', forked_from_ordinal_exclusive: 14 }))).toEqual({
      session: { forkedFrom: 'parent' },
    });
    // The real 0.169.0 rollout's first line: its cwd is the folder `codex exec` ran in.
    const real = readFileSync(join(import.meta.dirname, 'test-fixtures/real/codex-0.169.0-rollout.jsonl'), 'utf8').split('\n')[0] ?? '';
    expect(readRolloutLine(real)).toEqual({ session: { cwd: '/tmp/tmp.c5bFb53gEY/repo' } });
    expect(readRolloutLine(meta({ id: 'plain', cli_version: '0.169.0', cwd: '' }))).toEqual({ skip: true });
  });

  it("reads a turn_context line's model, and skips one without a model or a message that only names it", () => {
    const context = (payload: unknown) => JSON.stringify({ timestamp: '2026-11-21T07:52:20.100Z', type: 'turn_context', payload });
    expect(readRolloutLine(context({ turn_id: 't1', cwd: '/repo', model: 'gpt-5-codex', effort: 'medium' }))).toEqual({
      model: 'gpt-5-codex',
    });
    expect(readRolloutLine(context({ turn_id: 't1', cwd: '/repo' }))).toEqual({ skip: true });
    expect(readRolloutLine(context({ model: '' }))).toEqual({ skip: true });
    const message = {
      timestamp: '2026-11-21T07:52:21.000Z',
      type: 'response_item',
      payload: { type: 'message', content: 'a "turn_context" line has a "model"' },
    };
    expect(readRolloutLine(JSON.stringify(message))).toEqual({ skip: true });
  });

  it('skips null limits and null info instead of reading zeros, and other lines', () => {
    expect(readRolloutLine(event({ info: null, rate_limits: null }))).toEqual({ skip: true });
    expect(readRolloutLine(event({ info: null, rate_limits: { primary: null, secondary: null } }))).toEqual({ skip: true });
    expect(readRolloutLine(JSON.stringify({ timestamp: 'x', type: 'response_item', payload: { type: 'message' } }))).toEqual({
      skip: true,
    });
  });

  it('names what is wrong, and keeps the tokens when only a limit is bad', () => {
    expect(readRolloutLine('{oops')).toEqual({ error: 'not JSON' });
    expect(readRolloutLine(event({ rate_limits: { primary: { used_percent: 'high', window_minutes: 300 } } }))).toEqual({
      error: 'rate_limits.primary.used_percent: expected a number from 0 to 100, got "high"',
    });
    const kept = readRolloutLine(
      event({
        info: { total_token_usage: usage },
        rate_limits: {
          primary: { used_percent: 100.5, window_minutes: 300 },
          secondary: { used_percent: 3, window_minutes: 10080, resets_at: 1e300 },
        },
      }),
    );
    expect(kept).toEqual({
      reading: { capturedAt: '2025-11-18T21:55:56.513Z', bars: {}, tokens: { total: 5214, input: 5200, output: 14, cache_read: 2048 } },
      notes: [
        'rate_limits.primary.used_percent: expected a number from 0 to 100, got 100.5',
        'rate_limits.secondary.resets_at: expected a time within a few centuries, got 1e+300',
      ],
    });
  });

  it('leaves out a null percent or a window of zero minutes', () => {
    expect(
      readRolloutLine(
        event({
          info: { total_token_usage: usage },
          rate_limits: { primary: { used_percent: null, window_minutes: 300 }, secondary: { used_percent: 5, window_minutes: 0 } },
        }),
      ),
    ).toMatchObject({ reading: { bars: {} }, notes: [] });
  });
});
