// An arm's window whose requests the provider refused (429) or that never reached the back end, read from the proxy's rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findUpstreamFailure } from './find-upstream-failure.js';

const WINDOW = 'plan-1-a004-sim-claude-tiny';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data dir whose proxy_telemetry.jsonl holds one row per status (with its error type) for the window. */
function writeTelemetry(rows: Array<[number, string | null]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'upstream-'));
  dirs.push(dir);
  const lines = rows.map(([status, error]) =>
    JSON.stringify({ kind: 'proxy-request', schema_version: 1, window_id: WINDOW, status, error_type: error }),
  );
  writeFileSync(join(dir, 'proxy_telemetry.jsonl'), `${lines.join('\n')}\n`);
  return dir;
}

describe('findUpstreamFailure', () => {
  it('names a provider that refused every request (its limit reached) as a refusal, not an infrastructure failure', () => {
    const ending = findUpstreamFailure(
      writeTelemetry([
        [429, 'rate_limit_error'],
        [429, 'rate_limit_error'],
      ]),
      WINDOW,
    );
    expect(ending).toEqual({
      failure: null,
      refusal: "the provider refused all 2 of the agent's request(s) (the first: HTTP 429 rate_limit_error)",
    });
  });

  it('reads neither once one request was answered, nor a 429 of a budget of the proxy', () => {
    expect(
      findUpstreamFailure(
        writeTelemetry([
          [429, 'rate_limit_error'],
          [200, null],
        ]),
        WINDOW,
      ),
    ).toEqual({ failure: null, refusal: null });
    expect(findUpstreamFailure(writeTelemetry([[429, 'budget_refused']]), WINDOW)).toEqual({ failure: null, refusal: null });
  });

  it('keeps a back end that answered nothing an infrastructure failure', () => {
    const ending = findUpstreamFailure(
      writeTelemetry([
        [502, 'upstream_unreachable'],
        [429, 'rate_limit_error'],
      ]),
      WINDOW,
    );
    expect(ending.failure).toBe(
      "the model's back end answered none of the agent's 1 request(s) (the first: HTTP 502 upstream_unreachable)",
    );
    expect(ending.refusal).toBeNull();
  });
});
