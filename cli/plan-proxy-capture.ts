// Which of `tracker proxy`'s readings make a window's ends for `snapshot before|after --from-proxy`, including a before
// asked for on a fresh proxy (no reading yet): the window's first tagged response gives it when the after is taken.
import type { Phase, ReadingRow } from '../ledger/schemas/index.js';
import { foldAgentWindows } from '../ledger/windows/index.js';
import { AppError } from '../kernel/index.js';

export interface ProxyCaptureRequest {
  dataDir: string;
  agentId: string;
  provider: string;
  windowId: string | undefined;
  phase: Phase;
  /** Readings after this instant are not considered (`--at`, default now). */
  at: Date;
}

/** The proxy readings to record, in order (a deferred before, then the after), or a before left for the after. */
export type ProxyCapturePlan =
  | { kind: 'deferred'; windowId: string }
  | { kind: 'record'; ends: Array<{ phase: Phase; reading: ReadingRow }> };

type Finder = (windowId: string | null, pick: 'first' | 'last', taggedOnly: boolean) => ReadingRow | null;

/** Plans the captures; throws NOT_FOUND naming what to do when the proxy has nothing to take them from. */
export async function planProxyCapture(request: ProxyCaptureRequest): Promise<ProxyCapturePlan> {
  // Loaded for --from-proxy only: the finder parses reading rows with their zod schema.
  const { findWindowReading } = await import('../ledger/index.js');
  const { dataDir, provider, phase } = request;
  const find: Finder = (id, pick, taggedOnly) =>
    findWindowReading(dataDir, { provider, format: 'proxy-headers', windowId: id, pick, notAfter: request.at.getTime(), taggedOnly });
  return phase === 'before' ? planBefore(request, find) : planAfter(request, find);
}

function planBefore({ provider, windowId }: ProxyCaptureRequest, find: Finder): ProxyCapturePlan {
  const reading = find(windowId ?? null, 'first', false);
  if (reading) return { kind: 'record', ends: [{ phase: 'before', reading }] };
  if (windowId === undefined) {
    throw new AppError(
      'NOT_FOUND',
      `no proxy reading of ${provider} yet: name the window with --window W (the x-tracker-window header your agent sends through \`tracker proxy\`), and its before is taken from the first response the proxy tags with W`,
      { where: '--from-proxy' },
    );
  }
  return { kind: 'deferred', windowId };
}

function planAfter(request: ProxyCaptureRequest, find: Finder): ProxyCapturePlan {
  const { provider, windowId } = request;
  if (windowId !== undefined && !hasBefore(request, windowId)) {
    // A before asked for on a fresh proxy (or never asked for): the window's first tagged response is its start.
    const first = find(windowId, 'first', true);
    const last = find(windowId, 'last', true);
    if (!first || !last) {
      throw new AppError(
        'NOT_FOUND',
        `window ${windowId} has no before, and the proxy has no reading of ${provider} tagged ${windowId} yet: send the agent's requests through \`tracker proxy\` with the header x-tracker-window: ${windowId}, then run this again`,
        { where: '--from-proxy' },
      );
    }
    return {
      kind: 'record',
      ends: [
        { phase: 'before', reading: first },
        { phase: 'after', reading: last },
      ],
    };
  }
  const reading = find(windowId ?? null, 'last', false);
  if (!reading) {
    throw new AppError(
      'NOT_FOUND',
      `no proxy reading of ${provider} yet: send traffic through \`tracker proxy\` (with x-tracker-window set) first`,
      { where: '--from-proxy' },
    );
  }
  return { kind: 'record', ends: [{ phase: 'after', reading }] };
}

/** The text of a before left for the after: what happens, and the command that takes both ends. */
export function describeDeferredBefore(deferred: { provider: string; window_id: string }): string {
  const { provider, window_id: id } = deferred;
  return [
    `No proxy reading of ${provider} yet: the before of window ${id} will be the first response \`tracker proxy\` tags with x-tracker-window: ${id}.`,
    `Nothing is recorded now. Run the agent through the proxy with that header; when it is done:`,
    `  tracker snapshot after --provider ${provider} --window ${id} --from-proxy`,
    '',
  ].join('\n');
}

function hasBefore({ dataDir, agentId, provider }: ProxyCaptureRequest, windowId: string): boolean {
  return foldAgentWindows(dataDir, agentId, provider).some((window) => window.windowId === windowId && window.before !== null);
}
