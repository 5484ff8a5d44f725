// The windows whose token count and bars disagree beyond the readings' rounding (divergent:ccusage), said in one line: pure.
import type { ReportWindow } from '../../ledger/index.js';

/**
 * One line naming the windows noted `divergent:ccusage` among `windows` (of `providers`, all when empty), or null
 * when there are none: `tracker calibrate` and `tracker usage` say it beside figures priced from one of the two counts.
 */
export function describeDivergentWindows(
  windows: readonly Pick<ReportWindow, 'provider' | 'window_id' | 'errors'>[],
  providers: readonly string[] = [],
): string | null {
  const named = windows.filter(
    (window) => window.errors.includes('divergent:ccusage') && (providers.length === 0 || providers.includes(window.provider)),
  );
  if (named.length === 0) return null;
  const shown = named.slice(0, 5).map((window) => `${window.provider} ${window.window_id}`);
  const more = named.length > 5 ? ` and ${named.length - 5} more` : '';
  return `${named.length} window(s) divergent:ccusage, their token count and bars apart beyond the readings' rounding: ${shown.join(', ')}${more} (both figures: tracker anomalies)`;
}
