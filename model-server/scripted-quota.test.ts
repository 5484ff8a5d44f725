// A script's tiny quota: answers until a window is full, refuses while it is, starts over at its reset.
import { describe, expect, it } from 'vitest';
import { parseScript } from './load-script.js';
import { createScriptedQuota } from './scripted-quota.js';

const START = 1_900_000_000;

function scriptedOf(rateLimits: unknown) {
  return createScriptedQuota(parseScript({ steps: [{ type: 'text', text: 'ok' }], rate_limits: rateLimits }).rate_limits, START - 30);
}

function quotaOf(rateLimits: unknown) {
  const quota = scriptedOf(rateLimits);
  return (api: Parameters<typeof quota.take>[0], nowSeconds: number) => quota.take(api, nowSeconds);
}

describe('createScriptedQuota', () => {
  it('refuses an Anthropic account whose window is full, with status rejected, until the reset starts a new period', () => {
    const take = quotaOf({ anthropic: { five_hour: { start: 0, step_per_request: 0.5, reset_in_s: 60 }, refuse_when_spent: true } });
    const turns = [take('anthropic-messages', START), take('anthropic-messages', START + 1), take('anthropic-messages', START + 2)];
    expect(turns.map((turn) => turn.refused)).toEqual([false, false, true]);
    expect(turns[2]?.headers['anthropic-ratelimit-unified-status']).toBe('rejected');
    expect(turns[2]?.headers['anthropic-ratelimit-unified-5h-reset']).toBe(String(START + 60));
    expect(take('anthropic-messages', START + 59).refused).toBe(true);
    // The first period started with the first request (START), not with the server (START - 30 below).
    const after = take('anthropic-messages', START + 60);
    expect(after.refused).toBe(false);
    expect(after.headers['anthropic-ratelimit-unified-5h-utilization']).toBe('0');
    expect(after.headers['anthropic-ratelimit-unified-5h-reset']).toBe(String(START + 120));
  });

  it('refuses a Codex account at 100 percent', () => {
    const take = quotaOf({ codex: { primary: { start: 0, step_per_request: 50, reset_in_s: 60 }, refuse_when_spent: true } });
    expect(
      [take('openai-responses', START), take('openai-responses', START), take('openai-responses', START)].map((t) => t.refused),
    ).toEqual([false, false, true]);
  });

  it('only fills the bars without refuse_when_spent, as scripts always did', () => {
    const take = quotaOf({ anthropic: { five_hour: { start: 0, step_per_request: 0.5, reset_in_s: 60 } } });
    const turns = [0, 1, 2, 3].map(() => take('anthropic-messages', START + 120));
    expect(turns.every((turn) => !turn.refused)).toBe(true);
    expect(turns[3]?.headers['anthropic-ratelimit-unified-5h-utilization']).toBe('1');
    expect(turns[3]?.headers['anthropic-ratelimit-unified-5h-reset']).toBe(String(START - 30 + 60));
  });

  it('with bars_on_answers false, sends no bars on its answers and shows them only to its quota endpoint', () => {
    const quota = scriptedOf({
      anthropic: { five_hour: { start: 0, step_per_request: 0.5, reset_in_s: 60 }, refuse_when_spent: true, bars_on_answers: false },
    });
    expect(quota.peek('anthropic-messages', START)).toMatchObject({ fiveHour: 0, fiveHourResetMs: (START + 60) * 1000 });
    const turns = [0, 1, 2].map(() => quota.take('anthropic-messages', START + 1));
    expect(turns.map((turn) => [turn.refused, Object.keys(turn.headers).length])).toEqual([
      [false, 0],
      [false, 0],
      [true, 0],
    ]);
    expect(quota.peek('anthropic-messages', START + 2)).toMatchObject({ fiveHour: 1, fiveHourResetMs: (START + 60) * 1000 });
    expect(quota.peek('gemini-generate-content', START + 2)).toBeNull();
  });

  it("refuses a Gemini key past its daily requests with Google's RESOURCE_EXHAUSTED, per-day QuotaFailure and a short RetryInfo", () => {
    const quota = scriptedOf({ gemini: { requests: 1, reset_in_s: 600 } });
    expect(quota.take('gemini-generate-content', START).refused).toBe(false);
    const spent = quota.take('gemini-generate-content', START + 100);
    expect(spent.refused).toBe(true);
    expect(spent.refusal).toMatchObject({
      status: 429,
      details: expect.arrayContaining([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '60s' }]),
    });
    expect(quota.take('gemini-generate-content', START + 600).refused).toBe(false);
  });
});
