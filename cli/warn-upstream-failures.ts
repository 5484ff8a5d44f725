// `tracker proxy` says on stderr when a back end cannot be reached: the agent only retries, silently.
import type { TelemetryRow } from '../ledger/index.js';

const SAYS: Record<string, string> = {
  upstream_unreachable: 'could not be reached',
  upstream_timeout: 'timed out',
  upstream_reset: 'closed the connection',
  upstream_error: 'failed',
};

/** One line per back end and kind of failure a minute at most: an agent retrying does not flood the terminal. */
const QUIET_MS = 60_000;

/**
 * A telemetry listener that writes `tracker proxy: back end anthropic could not be reached (upstream_unreachable):
 * 3 request(s) answered 502 since ...` for requests the proxy could not forward, at most once a minute per back end
 * and kind, with the count of those it did not say.
 */
export function createUpstreamWarner(write: (line: string) => void, now: () => number = Date.now): (row: TelemetryRow) => void {
  const last = new Map<string, { at: number; unsaid: number }>();
  return (row) => {
    const says = row.error_type ? SAYS[row.error_type] : undefined;
    if (says === undefined) return;
    const key = `${row.backend_provider}\u0000${row.error_type}`;
    const seen = last.get(key);
    if (seen && now() - seen.at < QUIET_MS) {
      seen.unsaid += 1;
      return;
    }
    const more = seen && seen.unsaid > 0 ? ` (and ${seen.unsaid} more since the last line)` : '';
    last.set(key, { at: now(), unsaid: 0 });
    write(
      `tracker proxy: back end ${row.backend_provider} ${says} (${row.error_type}): ${row.route ?? row.path ?? 'a request'} answered ${row.status}${more}; the agent may retry\n`,
    );
  };
}
