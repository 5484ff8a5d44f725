// Refused requests added back to the demand: a CLI's retries of one refused request in a session counted once.
import { describe, expect, it } from 'vitest';
import { addRefusals, collectRefusals } from './collect-refusals.js';
import type { UsageTelemetry } from '../usage/usage-inputs.js';

const row = (minute: number, status: number, session: string | null) =>
  ({
    timestamp: new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString(),
    backend_provider: 'anthropic',
    session_id: session,
    status,
    prompt_tokens: status === 200 ? 100 : null,
    completion_tokens: status === 200 ? 0 : null,
  }) as unknown as UsageTelemetry;

describe('collectRefusals', () => {
  it("counts a session's refusals once until an answer comes between; rows without a session each count", () => {
    const telemetry = [
      row(0, 200, 's1'),
      row(1, 429, 's1'),
      row(3, 429, 's1'), // the CLI retrying
      row(7, 429, 's1'), // and again, minutes later
      row(8, 200, 's1'),
      row(9, 429, 's1'), // a new request refused
      row(10, 429, null),
      row(11, 429, null),
    ];
    const { refusals, retried } = collectRefusals(telemetry, { since_ms: 0, until_ms: Number.POSITIVE_INFINITY }, (id) => id);
    expect(refusals.get('claude')?.length).toBe(4);
    expect(retried).toBe(2);
  });

  it('tells a retry (the same body digest) from a new prompt refused in the same session (another digest)', () => {
    const digested = (minute: number, digest: string) => ({ ...row(minute, 429, 's1'), request_digest: digest }) as UsageTelemetry;
    // Eight prompts refused one after another, each retried once by the CLI: eight requests asked, not one.
    const telemetry = Array.from({ length: 8 }, (_, prompt) => [
      digested(prompt * 2, `${prompt}`.padStart(16, 'a')),
      digested(prompt * 2 + 1, `${prompt}`.padStart(16, 'a')),
    ]).flat();
    const { refusals, retried } = collectRefusals(telemetry, { since_ms: 0, until_ms: Number.POSITIVE_INFINITY }, (id) => id);
    expect(refusals.get('claude')?.length).toBe(8);
    expect(retried).toBe(8);
  });

  it("adds each refusal at its time as the account's mean request", () => {
    const demand = addRefusals({ at_ms: [0, 20], amount: [100, 300] }, [10]);
    expect(demand).toEqual({ at_ms: [0, 10, 20], amount: [100, 200, 300] });
  });
});
