// How the back end met an arm's requests (proxy_telemetry.jsonl): none answered (an infrastructure failure), or all refused.
import { LEDGER_FILES, scanLedger } from '../../ledger/index.js';

/** The proxy's own names for a back end it could not reach (proxy/forward/describe-upstream-failure.ts). */
const UNREACHABLE = new Set(['upstream_unreachable', 'upstream_timeout', 'upstream_reset']);
/** The proxy's own 429, for a block budget of this tool's: not the provider's refusal. */
const BUDGET_REFUSED = 'budget_refused';

export interface UpstreamEnding {
  /**
   * A sentence naming the failure when the agent's window has requests that failed for the back end's reasons (not
   * reachable, timed out, reset, or the credential refused: 401/403) and not one answered; null otherwise.
   * Without `--upstream scripted` on a machine with no route to the API, every arm was scored "fail 0.00".
   */
  failure: string | null;
  /**
   * A sentence when the provider refused every request of the agent (HTTP 429: its limit reached) and answered none:
   * the arm is scored as it ended, but it did not fail on its work. Null otherwise, and when `failure` is set.
   */
  refusal: string | null;
}

export function findUpstreamFailure(dataDir: string, windowId: string): UpstreamEnding {
  let answered = 0;
  let failed = 0;
  let refused = 0;
  let first: string | null = null;
  let firstRefusal: string | null = null;
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
      } else if (status === 429 && error !== BUDGET_REFUSED) {
        refused += 1;
        firstRefusal ??= `HTTP ${status}${error ? ` ${error}` : ''}`;
      }
    },
    { needles: [windowId] },
  );
  if (answered > 0) return { failure: null, refusal: null };
  if (failed > 0)
    return { failure: `the model's back end answered none of the agent's ${failed} request(s) (the first: ${first})`, refusal: null };
  if (refused > 0)
    return { failure: null, refusal: `the provider refused all ${refused} of the agent's request(s) (the first: ${firstRefusal})` };
  return { failure: null, refusal: null };
}
