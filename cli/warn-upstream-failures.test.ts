// tracker proxy's line on stderr when a back end cannot be reached, once a minute per back end and kind.
import { describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../ledger/index.js';
import { createUpstreamWarner } from './warn-upstream-failures.js';

const row = (fields: Partial<TelemetryRow>): TelemetryRow =>
  ({ backend_provider: 'anthropic', route: 'default', status: 502, error_type: 'upstream_unreachable', ...fields }) as TelemetryRow;

describe('createUpstreamWarner', () => {
  it('says a back end cannot be reached, then keeps quiet a minute, counting what it did not say', () => {
    const lines: string[] = [];
    let clock = 0;
    const warn = createUpstreamWarner(
      (line) => lines.push(line),
      () => clock,
    );
    warn(row({}));
    warn(row({}));
    warn(row({ status: 200, error_type: null }));
    clock = 61_000;
    warn(row({}));
    warn(row({ backend_provider: 'glm', error_type: 'upstream_timeout', status: 504 }));
    expect(lines).toEqual([
      'tracker proxy: back end anthropic could not be reached (upstream_unreachable): default answered 502; the agent may retry\n',
      'tracker proxy: back end anthropic could not be reached (upstream_unreachable): default answered 502 (and 1 more since the last line); the agent may retry\n',
      'tracker proxy: back end glm timed out (upstream_timeout): default answered 504; the agent may retry\n',
    ]);
  });
});
