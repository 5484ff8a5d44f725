// Whether the model's back end answered none of an arm's requests (proxy_telemetry.jsonl): an infrastructure failure.
import { LEDGER_FILES, scanLedger } from '../../ledger/index.js';

/** The proxy's own names for a back end it could not reach (proxy/forward/describe-upstream-failure.ts). */
const UNREACHABLE = new Set(['upstream_unreachable', 'upstream_timeout', 'upstream_reset']);

/**
 * A sentence naming the failure when the agent's window has requests that failed for the back end's reasons (not
 * reachable, timed out, reset, or the credential refused: 401/403) and not one answered; null otherwise.
 * Without `--upstream scripted` on a machine with no route to the API, every arm was scored "fail 0.00".
 */
export function findUpstreamFailure(dataDir: string, windowId: string): string | null {
  let answered = 0;
  let failed = 0;
  let first: string | null = null;
  scanLedger(
    dataDir,
    LEDGER_FILES.proxyTelemetry,
    (row) => {
      if (row.window_id !== windowId) return;
      const status = Number(row.status);
      const error = typeof row.error_type === 'string' ? row.error_type : '';
      if (status >= 200 && status < 300) answered += 1;
      else if (UNREACHABLE.has(error) || status === 401 || status === 403) {
        failed += 1;
        first ??= `HTTP ${status}${error ? ` ${error}` : ''}`;
      }
    },
    { needles: [windowId] },
  );
  if (answered > 0 || failed === 0) return null;
  return `the model's back end answered none of the agent's ${failed} request(s) (the first: ${first})`;
}
