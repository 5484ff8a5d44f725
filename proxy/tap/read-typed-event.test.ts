import { describe, expect, it } from 'vitest';
import { readTypedEvent } from './tap-values.js';

describe('readTypedEvent', () => {
  it("types a named event by its name and an unnamed one by its JSON's type", () => {
    const state = { malformed: 0 };
    expect(readTypedEvent({ event: 'message_delta', data: '{"type":"other","usage":{}}' }, state)).toEqual({
      type: 'message_delta',
      data: { type: 'other', usage: {} },
    });
    expect(readTypedEvent({ data: '{"type":"response.completed"}' }, state)?.type).toBe('response.completed');
    expect(readTypedEvent({ data: '[1,2]' }, state)).toEqual({ type: '', data: [1, 2] });
    expect(state.malformed).toBe(0);
  });

  it('counts data that is not JSON as malformed, but not the [DONE] end marker', () => {
    const state = { malformed: 0 };
    expect(readTypedEvent({ data: ' [DONE] ' }, state)).toBeNull();
    expect(state.malformed).toBe(0);
    expect(readTypedEvent({ event: 'message_start', data: '{"type":' }, state)).toBeNull();
    expect(state.malformed).toBe(1);
  });
});
