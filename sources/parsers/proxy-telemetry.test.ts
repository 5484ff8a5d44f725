import { describe, expect, it } from 'vitest';
import { parseTelemetryLines } from './proxy-telemetry.js';

const base = {
  timestamp: '2026-11-21T08:00:00Z',
  session_id: 's1',
  subagent_id: 'haiku',
  backend_provider: 'glm',
  model: 'glm-4.5-air',
  prompt_tokens: 120,
  completion_tokens: 30,
  latency_ms: 800,
  status: 200,
  trace_id: 't1',
};
const line = (fields: Record<string, unknown>) => JSON.stringify({ ...base, ...fields });
const without = (field: string) => JSON.stringify(Object.fromEntries(Object.entries(base).filter(([key]) => key !== field)));

describe('parseTelemetryLines', () => {
  it('reads good lines, skips blank ones, and numbers lines as the file does', () => {
    const parsed = parseTelemetryLines(
      `${line({})}\n\n  \n${line({ trace_id: 't2', cache_read_tokens: 5, ttft_ms: 90, stream: true })}\r\n`,
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.events.map((event) => event.line)).toEqual([1, 4]);
    expect(parsed.events[1]?.event).toMatchObject({ trace_id: 't2', cache_read_tokens: 5, ttft_ms: 90, stream: true });
  });

  it('refuses a bad line by number and field, keeping the good ones around it', () => {
    const parsed = parseTelemetryLines(
      [line({ trace_id: 'a' }), line({ trace_id: 'b' }), line({ trace_id: 'c', prompt_tokens: -5 }), line({ trace_id: 'd' })].join('\n'),
    );
    expect(parsed.events.map(({ event }) => event.trace_id)).toEqual(['a', 'b', 'd']);
    expect(parsed.rejected).toEqual([
      {
        line: 3,
        raw: line({ trace_id: 'c', prompt_tokens: -5 }),
        reason: 'line 3: prompt_tokens: expected a non-negative integer or null, got -5',
      },
    ]);
  });

  it('says what is wrong with a line that is not an event', () => {
    const reasons = parseTelemetryLines('{"timestamp": \n[1,2]\n42\n').rejected.map((rejected) => rejected.reason);
    expect(reasons).toEqual([
      'line 1: not JSON: expected a value, the input ends too early (column 15)',
      'line 2: expected a JSON object (one event per line), got an array',
      'line 3: expected a JSON object (one event per line), got 42',
    ]);
  });

  it('needs every required field, null allowed, and names a likely rename', () => {
    expect(parseTelemetryLines(without('subagent_id')).rejected[0]?.reason).toBe(
      'line 1: subagent_id: missing (a required field; null when unknown)',
    );
    const renamed = JSON.stringify({ ...JSON.parse(without('prompt_tokens')), input_tokens: 5 });
    expect(parseTelemetryLines(renamed).rejected[0]?.reason).toBe(
      'line 1: prompt_tokens: missing (a required field; null when unknown; found input_tokens, which the contract calls prompt_tokens)',
    );
    const nulls = parseTelemetryLines(
      line({ session_id: null, subagent_id: null, model: null, prompt_tokens: null, completion_tokens: null, status: 0 }),
    );
    expect(nulls.rejected).toEqual([]);
  });

  it('takes epoch seconds and milliseconds (numbers or digits) and ISO times with a zone, as UTC ISO', () => {
    const at = (timestamp: unknown) => parseTelemetryLines(line({ timestamp })).events[0]?.event.timestamp;
    expect(at(1795248000)).toBe('2026-11-21T08:00:00.000Z');
    expect(at(1795248000.5)).toBe('2026-11-21T08:00:00.500Z');
    expect(at(1795248000123)).toBe('2026-11-21T08:00:00.123Z');
    expect(at('1795248000')).toBe('2026-11-21T08:00:00.000Z');
    expect(at('2026-11-21T09:00:00.123456+01:00')).toBe('2026-11-21T08:00:00.123Z');
    expect(at('2026-11-21 08:00:00+00:00')).toBe('2026-11-21T08:00:00.000Z');
  });

  it('refuses a time without a zone or out of range, saying why', () => {
    const reason = (timestamp: unknown) => parseTelemetryLines(line({ timestamp })).rejected[0]?.reason;
    expect(reason('2026-11-21T08:00:00')).toBe(
      'line 1: timestamp: "2026-11-21T08:00:00" has no time zone (add Z if it is UTC, or an offset such as +01:00)',
    );
    expect(reason(5)).toContain('line 1: timestamp: 5 is not a time between 2000 and 2100');
    expect(reason('yesterday')).toBe(
      'line 1: timestamp: expected an ISO-8601 time with a zone (2026-11-21T08:00:00Z) or epoch seconds or milliseconds, got "yesterday"',
    );
  });

  it('tolerates digit strings for counts, times and status, "" for absent text, and any case of back end', () => {
    const parsed = parseTelemetryLines(
      line({
        prompt_tokens: '120',
        completion_tokens: '0',
        latency_ms: '812.5',
        status: '529',
        subagent_id: '',
        backend_provider: ' GLM ',
      }),
    );
    expect(parsed.events[0]?.event).toMatchObject({
      prompt_tokens: 120,
      completion_tokens: 0,
      latency_ms: 812.5,
      status: 529,
      subagent_id: null,
      backend_provider: 'glm',
    });
    expect(parseTelemetryLines(line({ prompt_tokens: '12.5' })).rejected[0]?.reason).toBe(
      'line 1: prompt_tokens: expected a non-negative integer or null, got "12.5"',
    );
    expect(parseTelemetryLines(line({ prompt_tokens: 1.5 })).rejected[0]?.reason).toBe(
      'line 1: prompt_tokens: expected a non-negative integer or null, got 1.5',
    );
  });

  it('drops fields outside the contract and names them', () => {
    const parsed = parseTelemetryLines(`${line({ x_extra: 1 })}\n${line({ trace_id: 't2', region: 'eu' })}`);
    expect(parsed.ignoredFields).toEqual(['region', 'x_extra']);
    expect(parsed.events[0]?.event).not.toHaveProperty('x_extra');
  });

  it('names nested problems by their path', () => {
    const parsed = parseTelemetryLines(line({ rate_limits: { five_hour: { used_pct: 150, resets_at: null } } }));
    expect(parsed.rejected[0]?.reason).toMatch(/^line 1: rate_limits\.five_hour\.used_pct: .*, got 150$/);
    expect(parseTelemetryLines(line({ status: 1000 })).rejected[0]?.reason).toBe(
      'line 1: status: expected an HTTP status from 0 to 999 (0 when the client got no response), got 1000',
    );
    expect(parseTelemetryLines(line({ stream: 'yes' })).rejected[0]?.reason).toBe('line 1: stream: expected true or false, got "yes"');
  });

  it('returns nothing for empty input and never throws on noise', () => {
    expect(parseTelemetryLines('')).toEqual({ events: [], rejected: [], ignoredFields: [] });
    expect(() => parseTelemetryLines('\u0000\uFFFD{{{\n"\n')).not.toThrow();
    expect(parseTelemetryLines(`\uFEFF${line({})}`).events).toHaveLength(1);
  });

  it('lets a window override replace a bad window_id instead of refusing the line', () => {
    expect(parseTelemetryLines(line({ window_id: 'not a window!' })).rejected[0]?.reason).toMatch(
      /^line 1: window_id: expected a window id/,
    );
    expect(parseTelemetryLines(line({ window_id: 'not a window!' }), { windowId: 'W1' }).events[0]?.event.window_id).toBe('W1');
  });
});
