// An arm on a back end that shows no bars at all (a plain API key): its window is measured in tokens counted at the proxy.
import type { StampContext } from '../../ledger/index.js';
import { recordWindowEnd, type CaptureResult } from './capture-window-end.js';

export interface TokenWindowRequest {
  dataDir: string;
  stamp: StampContext;
  provider: string;
  windowId: string;
  /** When the agent started and ended: the two captures' times. */
  startedAt: Date;
  endedAt: Date;
  /** The provider's tokens counted by this run before the arm, and the arm's own. */
  before: number;
  used: number;
}

/**
 * Both ends as token totals (format `proxy-tokens`, no bars), so the window's capacity is `tokens` with the
 * arm's count as its delta: the unit is in the window, and the report never mixes it with priced windows.
 */
export function captureTokenWindow(request: TokenWindowRequest): { before: CaptureResult; after: CaptureResult } {
  const end = (phase: 'before' | 'after', total: number, at: Date): CaptureResult =>
    recordWindowEnd(
      { ...request, phase },
      { format: 'proxy-tokens', bars: {}, tokens: { total }, parse_errors: [] },
      at,
      'tokens',
      'tokens counted at the proxy (no bars from any source)',
    );
  return { before: end('before', request.before, request.startedAt), after: end('after', request.before + request.used, request.endedAt) };
}
